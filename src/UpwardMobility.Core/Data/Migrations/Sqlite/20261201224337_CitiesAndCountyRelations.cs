using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpwardMobility.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CitiesAndCountyRelations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "ix_county_places_county_id",
                table: "county_places",
                column: "county_id");

            migrationBuilder.CreateIndex(
                name: "ix_county_successions_successor_id",
                table: "county_successions",
                column: "successor_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "county_places");

            migrationBuilder.DropTable(
                name: "county_successions");
        }
    }
}
