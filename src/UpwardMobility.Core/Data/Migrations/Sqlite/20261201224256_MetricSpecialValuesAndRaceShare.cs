using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpwardMobility.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MetricSpecialValuesAndRaceShare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "special_values",
                table: "metrics",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            // Urban labels neighbourhood-composition groups race-ethnicity in some files: they are race-share groups
            // (docs/methods.md). The importer now stores them so; this moves the rows imported before it did.
            foreach (var table in new[] { "metric_values", "replaced_metric_values", "plan_targets" })
            {
                migrationBuilder.Sql(
                    $"UPDATE {table} SET subgroup_type = 'race-share' WHERE subgroup_type <> 'race-share' AND lower(subgroup) IN " +
                    "('neighborhoods of color', 'white neighborhoods', 'mixed neighborhoods', 'majority white, non-hispanic', " +
                    "'majority non-white', 'no majority race/ethnicity')");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "special_values",
                table: "metrics");
        }
    }
}
