using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpwardMobility.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NaturalKeyForValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_metric_values",
                table: "metric_values");

            migrationBuilder.DropIndex(
                name: "ix_metric_values_geography_id_metric_id_year_subgroup_type_subgroup",
                table: "metric_values");

            migrationBuilder.DropColumn(
                name: "id",
                table: "metric_values");

            migrationBuilder.AddPrimaryKey(
                name: "pk_metric_values",
                table: "metric_values",
                columns: new[] { "geography_id", "metric_id", "year", "subgroup_type", "subgroup" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_metric_values",
                table: "metric_values");

            migrationBuilder.AddColumn<long>(
                name: "id",
                table: "metric_values",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_metric_values",
                table: "metric_values",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_metric_values_geography_id_metric_id_year_subgroup_type_subgroup",
                table: "metric_values",
                columns: new[] { "geography_id", "metric_id", "year", "subgroup_type", "subgroup" },
                unique: true);
        }
    }
}
