using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpwardMobility.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_priorities");

            migrationBuilder.DropTable(
                name: "plan_targets");
        }
    }
}
