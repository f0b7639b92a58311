using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpwardMobility.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MetricYearIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_metric_values_metric_id_year_subgroup_type_subgroup",
                table: "metric_values");

            migrationBuilder.CreateIndex(
                name: "ix_metric_values_metric_id_year",
                table: "metric_values",
                columns: new[] { "metric_id", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_metric_values_metric_id_year",
                table: "metric_values");

            migrationBuilder.CreateIndex(
                name: "ix_metric_values_metric_id_year_subgroup_type_subgroup",
                table: "metric_values",
                columns: new[] { "metric_id", "year", "subgroup_type", "subgroup" });
        }
    }
}
