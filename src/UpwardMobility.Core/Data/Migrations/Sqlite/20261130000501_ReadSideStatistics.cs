using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpwardMobility.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReadSideStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "metric_statistics");

            migrationBuilder.DropColumn(
                name: "national_percentile",
                table: "metric_values");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "national_percentile",
                table: "metric_values",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "metric_statistics",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    max = table.Column<double>(type: "REAL", nullable: true),
                    median = table.Column<double>(type: "REAL", nullable: true),
                    metric_id = table.Column<int>(type: "INTEGER", nullable: false),
                    min = table.Column<double>(type: "REAL", nullable: true),
                    p25 = table.Column<double>(type: "REAL", nullable: true),
                    p75 = table.Column<double>(type: "REAL", nullable: true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    subgroup = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subgroup_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    year = table.Column<short>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_statistics", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_metric_statistics_metric_id_year_subgroup_type_subgroup_scope",
                table: "metric_statistics",
                columns: new[] { "metric_id", "year", "subgroup_type", "subgroup", "scope" },
                unique: true);
        }
    }
}
