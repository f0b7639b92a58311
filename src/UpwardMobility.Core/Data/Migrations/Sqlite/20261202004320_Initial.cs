using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpwardMobility.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", nullable: true),
                    disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dimensions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dimensions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "geographies",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    fips = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    state_fips = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    state_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    state_abbr = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    hidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    historical = table.Column<bool>(type: "INTEGER", nullable: false),
                    replaced_by = table.Column<string>(type: "TEXT", nullable: true),
                    needs_review = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_geographies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    started_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    duration_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false),
                    year_override = table.Column<int>(type: "INTEGER", nullable: true),
                    accepted_partial = table.Column<bool>(type: "INTEGER", nullable: false),
                    rows_read = table.Column<int>(type: "INTEGER", nullable: false),
                    rows_rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    values_inserted = table.Column<int>(type: "INTEGER", nullable: false),
                    values_replaced = table.Column<int>(type: "INTEGER", nullable: false),
                    values_unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    rolled_back_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    rolled_back_by = table.Column<string>(type: "TEXT", nullable: true),
                    report_json = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "metric_values",
                columns: table => new
                {
                    geography_id = table.Column<int>(type: "INTEGER", nullable: false),
                    metric_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<short>(type: "INTEGER", nullable: false),
                    subgroup_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    subgroup = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: true),
                    lower_bound = table.Column<double>(type: "REAL", nullable: true),
                    upper_bound = table.Column<double>(type: "REAL", nullable: true),
                    quality = table.Column<byte>(type: "INTEGER", nullable: false),
                    value_text = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    import_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_values", x => new { x.geography_id, x.metric_id, x.year, x.subgroup_type, x.subgroup });
                });

            migrationBuilder.CreateTable(
                name: "pillars",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pillars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    role_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "peer_groups",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    fips = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_peer_groups", x => x.id);
                    table.ForeignKey(
                        name: "fk_peer_groups_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "county_places",
                columns: table => new
                {
                    city_id = table.Column<int>(type: "INTEGER", nullable: false),
                    county_id = table.Column<int>(type: "INTEGER", nullable: false),
                    share_of_city = table.Column<double>(type: "REAL", nullable: false),
                    share_of_county = table.Column<double>(type: "REAL", nullable: false),
                    population2020 = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_places", x => new { x.city_id, x.county_id });
                    table.ForeignKey(
                        name: "fk_county_places_geographies_city_id",
                        column: x => x.city_id,
                        principalTable: "geographies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_county_places_geographies_county_id",
                        column: x => x.county_id,
                        principalTable: "geographies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "county_successions",
                columns: table => new
                {
                    former_id = table.Column<int>(type: "INTEGER", nullable: false),
                    successor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    tracts = table.Column<int>(type: "INTEGER", nullable: false),
                    share_of_successor = table.Column<double>(type: "REAL", nullable: false),
                    share_of_former = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_successions", x => new { x.former_id, x.successor_id });
                    table.ForeignKey(
                        name: "fk_county_successions_geographies_former_id",
                        column: x => x.former_id,
                        principalTable: "geographies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_county_successions_geographies_successor_id",
                        column: x => x.successor_id,
                        principalTable: "geographies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "geography_populations",
                columns: table => new
                {
                    geography_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<short>(type: "INTEGER", nullable: false),
                    population = table.Column<long>(type: "INTEGER", nullable: false),
                    import_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_geography_populations", x => new { x.geography_id, x.year });
                    table.ForeignKey(
                        name: "fk_geography_populations_geographies_geography_id",
                        column: x => x.geography_id,
                        principalTable: "geographies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "planner_counties",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    geography_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planner_counties", x => new { x.user_id, x.geography_id });
                    table.ForeignKey(
                        name: "fk_planner_counties_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_planner_counties_geographies_geography_id",
                        column: x => x.geography_id,
                        principalTable: "geographies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "replaced_metric_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_id = table.Column<int>(type: "INTEGER", nullable: false),
                    geography_id = table.Column<int>(type: "INTEGER", nullable: false),
                    metric_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<short>(type: "INTEGER", nullable: false),
                    subgroup_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    subgroup = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: true),
                    lower_bound = table.Column<double>(type: "REAL", nullable: true),
                    upper_bound = table.Column<double>(type: "REAL", nullable: true),
                    quality = table.Column<byte>(type: "INTEGER", nullable: false),
                    value_text = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    previous_import_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replaced_metric_values", x => x.id);
                    table.ForeignKey(
                        name: "fk_replaced_metric_values_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "replaced_populations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_id = table.Column<int>(type: "INTEGER", nullable: false),
                    geography_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<short>(type: "INTEGER", nullable: false),
                    population = table.Column<long>(type: "INTEGER", nullable: false),
                    previous_import_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replaced_populations", x => x.id);
                    table.ForeignKey(
                        name: "fk_replaced_populations_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "predictors",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    pillar_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_predictors", x => x.id);
                    table.ForeignKey(
                        name: "fk_predictors_pillars_pillar_id",
                        column: x => x.pillar_id,
                        principalTable: "pillars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "metrics",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    predictor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    label = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    unit = table.Column<int>(type: "INTEGER", nullable: false),
                    direction = table.Column<int>(type: "INTEGER", nullable: false),
                    aliases = table.Column<string>(type: "TEXT", nullable: false),
                    quality_columns = table.Column<string>(type: "TEXT", nullable: false),
                    valid_min = table.Column<double>(type: "REAL", nullable: true),
                    valid_max = table.Column<double>(type: "REAL", nullable: true),
                    retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    caveats = table.Column<string>(type: "TEXT", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    special_values = table.Column<string>(type: "TEXT", nullable: false),
                    customized = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metrics", x => x.id);
                    table.ForeignKey(
                        name: "fk_metrics_predictors_predictor_id",
                        column: x => x.predictor_id,
                        principalTable: "predictors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_priorities",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    geography_id = table.Column<int>(type: "INTEGER", nullable: false),
                    predictor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    rationale = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_priorities", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_priorities_geographies_geography_id",
                        column: x => x.geography_id,
                        principalTable: "geographies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_priorities_predictors_predictor_id",
                        column: x => x.predictor_id,
                        principalTable: "predictors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    geography_id = table.Column<int>(type: "INTEGER", nullable: false),
                    metric_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    subgroup_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    subgroup = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    second_subgroup = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    baseline_year = table.Column<short>(type: "INTEGER", nullable: false),
                    baseline_value = table.Column<double>(type: "REAL", nullable: false),
                    baseline_lower_bound = table.Column<double>(type: "REAL", nullable: true),
                    baseline_upper_bound = table.Column<double>(type: "REAL", nullable: true),
                    baseline_quality = table.Column<byte>(type: "INTEGER", nullable: false),
                    target_value = table.Column<double>(type: "REAL", nullable: false),
                    target_year = table.Column<short>(type: "INTEGER", nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    strategy = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    direction_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_targets", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_targets_geographies_geography_id",
                        column: x => x.geography_id,
                        principalTable: "geographies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_targets_metrics_metric_id",
                        column: x => x.metric_id,
                        principalTable: "metrics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_action",
                table: "audit_entries",
                column: "action");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at_utc",
                table: "audit_entries",
                column: "at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_county_places_county_id",
                table: "county_places",
                column: "county_id");

            migrationBuilder.CreateIndex(
                name: "ix_county_successions_successor_id",
                table: "county_successions",
                column: "successor_id");

            migrationBuilder.CreateIndex(
                name: "ix_dimensions_key",
                table: "dimensions",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_geographies_kind_fips",
                table: "geographies",
                columns: new[] { "kind", "fips" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_geographies_state_fips",
                table: "geographies",
                column: "state_fips");

            migrationBuilder.CreateIndex(
                name: "ix_imports_started_at_utc",
                table: "imports",
                column: "started_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_metric_values_metric_id_year",
                table: "metric_values",
                columns: new[] { "metric_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_metrics_key",
                table: "metrics",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_metrics_predictor_id",
                table: "metrics",
                column: "predictor_id");

            migrationBuilder.CreateIndex(
                name: "ix_peer_groups_user_id_name",
                table: "peer_groups",
                columns: new[] { "user_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pillars_key",
                table: "pillars",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_priorities_geography_id_predictor_id",
                table: "plan_priorities",
                columns: new[] { "geography_id", "predictor_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_priorities_predictor_id",
                table: "plan_priorities",
                column: "predictor_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_targets_geography_id_metric_id",
                table: "plan_targets",
                columns: new[] { "geography_id", "metric_id" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_targets_metric_id",
                table: "plan_targets",
                column: "metric_id");

            migrationBuilder.CreateIndex(
                name: "ix_planner_counties_geography_id",
                table: "planner_counties",
                column: "geography_id");

            migrationBuilder.CreateIndex(
                name: "ix_predictors_key",
                table: "predictors",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_predictors_pillar_id",
                table: "predictors",
                column: "pillar_id");

            migrationBuilder.CreateIndex(
                name: "ix_replaced_metric_values_import_id",
                table: "replaced_metric_values",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_replaced_populations_import_id",
                table: "replaced_populations",
                column: "import_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "county_places");

            migrationBuilder.DropTable(
                name: "county_successions");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "dimensions");

            migrationBuilder.DropTable(
                name: "geography_populations");

            migrationBuilder.DropTable(
                name: "metric_values");

            migrationBuilder.DropTable(
                name: "peer_groups");

            migrationBuilder.DropTable(
                name: "plan_priorities");

            migrationBuilder.DropTable(
                name: "plan_targets");

            migrationBuilder.DropTable(
                name: "planner_counties");

            migrationBuilder.DropTable(
                name: "replaced_metric_values");

            migrationBuilder.DropTable(
                name: "replaced_populations");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "metrics");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "geographies");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "predictors");

            migrationBuilder.DropTable(
                name: "pillars");
        }
    }
}
