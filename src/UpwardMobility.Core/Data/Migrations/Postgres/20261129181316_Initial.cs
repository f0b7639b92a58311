using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace UpwardMobility.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dimensions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dimensions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "geographies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    fips = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    state_fips = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    state_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    state_abbr = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    hidden = table.Column<bool>(type: "boolean", nullable: false),
                    historical = table.Column<bool>(type: "boolean", nullable: false),
                    replaced_by = table.Column<string>(type: "text", nullable: true),
                    needs_review = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_geographies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    started_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    duration_ms = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    year_override = table.Column<int>(type: "integer", nullable: true),
                    accepted_partial = table.Column<bool>(type: "boolean", nullable: false),
                    rows_read = table.Column<int>(type: "integer", nullable: false),
                    rows_rejected = table.Column<int>(type: "integer", nullable: false),
                    values_inserted = table.Column<int>(type: "integer", nullable: false),
                    values_replaced = table.Column<int>(type: "integer", nullable: false),
                    values_unchanged = table.Column<int>(type: "integer", nullable: false),
                    rolled_back_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    rolled_back_by = table.Column<string>(type: "text", nullable: true),
                    report_json = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "metric_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    geography_id = table.Column<int>(type: "integer", nullable: false),
                    metric_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<short>(type: "smallint", nullable: false),
                    subgroup_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subgroup = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: true),
                    lower_bound = table.Column<double>(type: "double precision", nullable: true),
                    upper_bound = table.Column<double>(type: "double precision", nullable: true),
                    quality = table.Column<byte>(type: "smallint", nullable: false),
                    value_text = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    import_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_values", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pillars",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pillars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "geography_populations",
                columns: table => new
                {
                    geography_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<short>(type: "smallint", nullable: false),
                    population = table.Column<long>(type: "bigint", nullable: false),
                    import_id = table.Column<int>(type: "integer", nullable: true)
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
                name: "replaced_metric_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_id = table.Column<int>(type: "integer", nullable: false),
                    geography_id = table.Column<int>(type: "integer", nullable: false),
                    metric_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<short>(type: "smallint", nullable: false),
                    subgroup_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subgroup = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: true),
                    lower_bound = table.Column<double>(type: "double precision", nullable: true),
                    upper_bound = table.Column<double>(type: "double precision", nullable: true),
                    quality = table.Column<byte>(type: "smallint", nullable: false),
                    value_text = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    previous_import_id = table.Column<int>(type: "integer", nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_id = table.Column<int>(type: "integer", nullable: false),
                    geography_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<short>(type: "smallint", nullable: false),
                    population = table.Column<long>(type: "bigint", nullable: false),
                    previous_import_id = table.Column<int>(type: "integer", nullable: true)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "text", nullable: false),
                    pillar_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    predictor_id = table.Column<int>(type: "integer", nullable: false),
                    label = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    unit = table.Column<int>(type: "integer", nullable: false),
                    direction = table.Column<int>(type: "integer", nullable: false),
                    aliases = table.Column<List<string>>(type: "text[]", nullable: false),
                    quality_columns = table.Column<List<string>>(type: "text[]", nullable: false),
                    valid_min = table.Column<double>(type: "double precision", nullable: true),
                    valid_max = table.Column<double>(type: "double precision", nullable: true),
                    retired = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    caveats = table.Column<string>(type: "text", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    customized = table.Column<bool>(type: "boolean", nullable: false)
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
                name: "ix_metric_values_geography_id_metric_id_year_subgroup_type_sub",
                table: "metric_values",
                columns: new[] { "geography_id", "metric_id", "year", "subgroup_type", "subgroup" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_metric_values_import_id",
                table: "metric_values",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_metric_values_metric_id_year_subgroup_type_subgroup",
                table: "metric_values",
                columns: new[] { "metric_id", "year", "subgroup_type", "subgroup" });

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
                name: "ix_pillars_key",
                table: "pillars",
                column: "key",
                unique: true);

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
                name: "dimensions");

            migrationBuilder.DropTable(
                name: "geography_populations");

            migrationBuilder.DropTable(
                name: "metric_values");

            migrationBuilder.DropTable(
                name: "metrics");

            migrationBuilder.DropTable(
                name: "replaced_metric_values");

            migrationBuilder.DropTable(
                name: "replaced_populations");

            migrationBuilder.DropTable(
                name: "geographies");

            migrationBuilder.DropTable(
                name: "predictors");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "pillars");
        }
    }
}
