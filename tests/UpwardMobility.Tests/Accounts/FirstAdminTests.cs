using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;
using UpwardMobility.Web.Accounts;

namespace UpwardMobility.Tests.Accounts;

/// <summary>The first administrator: from configuration once, or from the <c>create-admin</c> verb; never a default.</summary>
public class FirstAdminTests
{
    private const string ConfigPassword = "first admin password from config";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Configuration_creates_the_first_admin_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var app = new WebAppFactory(database) { Seed = false })
        {
            app.Settings[FirstAdminBootstrap.EmailKey] = "first@example.org";
            app.Settings[FirstAdminBootstrap.PasswordKey] = ConfigPassword;
            var client = await TestAccounts.SignedInClientAsync(app, "first@example.org", ConfigPassword);
            Assert.Contains("Administration", await client.GetStringAsync("/admin"), StringComparison.Ordinal);
        }
        // Started again with other settings: an admin exists, so nothing changes.
        await using (var app = new WebAppFactory(database) { Seed = false })
        {
            app.Settings[FirstAdminBootstrap.EmailKey] = "second@example.org";
            app.Settings[FirstAdminBootstrap.PasswordKey] = "another password for another";
            _ = app.Server;
        }
        await using var db = database.CreateContext();
        Assert.Equal(["first@example.org"], await db.Users.Select(u => u.Email!).ToListAsync());
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.UserBootstrapAdmin);
        Assert.Equal(FirstAdminBootstrap.Actor, entry.UserName);
        Assert.DoesNotContain(ConfigPassword, entry.After ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_is_ignored_when_an_admin_exists()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new WebAppFactory(database) { Seed = false };
        app.Settings[FirstAdminBootstrap.EmailKey] = "config@example.org";
        app.Settings[FirstAdminBootstrap.PasswordKey] = ConfigPassword;
        _ = app.Server; // creates config@example.org
        await TestAccounts.CreateUserAsync(app, "other@example.org", Roles.Admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            await users.DeleteAsync((await users.FindByEmailAsync("config@example.org"))!);
        }
        await app.Services.BootstrapAccountsAsync(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        await using var db = database.CreateContext();
        Assert.Equal(["other@example.org"], await db.Users.Select(u => u.Email!).ToListAsync());
    }

    [Fact]
    public async Task Without_configuration_there_is_no_account_and_no_default_password_anywhere()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new WebAppFactory(database) { Seed = false };
        _ = app.Server;
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.Users.CountAsync());
            Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        }
        // No password for an admin in any shipped configuration file.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepoRoot, "src"), "appsettings*.json", SearchOption.AllDirectories)
                     .Concat([Path.Combine(TestEnvironment.RepoRoot, "docker-compose.yml")]))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("Admin__Password", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(System.Text.Json.Nodes.JsonNode.Parse(file.EndsWith(".json", StringComparison.Ordinal) ? text : "{}")?["Admin"]?["Password"] is not null,
                $"{file} holds an admin password.");
        }
    }

    [Fact]
    public void Create_admin_parses_its_arguments()
    {
        Assert.Null(CreateAdminCommand.Parse([], out var none));
        Assert.Null(none);
        Assert.Null(CreateAdminCommand.Parse(["import", "x.csv"], out _));
        Assert.Equal("a@example.org", CreateAdminCommand.Parse(["create-admin", "a@example.org"], out var ok)!.Email);
        Assert.Null(ok);
        CreateAdminCommand.Parse(["create-admin"], out var missing);
        Assert.NotNull(missing);
        CreateAdminCommand.Parse(["create-admin", "a@example.org", "secret-on-the-command-line"], out var extra);
        Assert.NotNull(extra); // the password never goes on the command line
        CreateAdminCommand.Parse(["create-admin", "not-an-email"], out var bad);
        Assert.NotNull(bad);
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input_and_can_recover_an_account()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new WebAppFactory(database) { Seed = false };
        _ = app.Server;
        var command = CreateAdminCommand.Parse(["create-admin", "ops@example.org"], out _)!;

        var output = new StringWriter();
        Assert.Equal(1, await command.RunAsync(app.Services, CreateAdminCommand.ReadLine(new StringReader("short\n")), output));
        Assert.Contains("at least 12 characters", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await command.RunAsync(app.Services, CreateAdminCommand.ReadLine(new StringReader("")), new StringWriter()));

        output = new StringWriter();
        Assert.Equal(0, await command.RunAsync(app.Services, CreateAdminCommand.ReadLine(new StringReader("a password from stdin\n")), output));
        Assert.Contains("Created the administrator ops@example.org", output.ToString(), StringComparison.Ordinal);
        var client = await TestAccounts.SignedInClientAsync(app, "ops@example.org", "a password from stdin");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        // Run again for an existing, disabled and locked account: it is enabled, unlocked and given the new password.
        await using (var db = database.CreateContext())
        {
            var user = await db.Users.SingleAsync();
            user.Disabled = true;
            user.LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            await db.SaveChangesAsync();
        }
        Assert.Equal(0, await command.RunAsync(app.Services, CreateAdminCommand.ReadLine(new StringReader("the recovered password\n")), new StringWriter()));
        await TestAccounts.SignedInClientAsync(app, "ops@example.org", "the recovered password");
    }

    [Fact]
    public async Task Create_admin_runs_as_a_command_line_verb()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var project = Path.Combine(TestEnvironment.RepoRoot, "src", "UpwardMobility.Web", "bin", "Debug", "net10.0", "UpwardMobility.Web.dll");
        Assert.True(File.Exists(project), project);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [project, "create-admin", "cli@example.org"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = database.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.StandardInput.WriteLineAsync("a password typed into stdin");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, await stdout + await stderr);
        Assert.Contains("Created the administrator cli@example.org", await stdout, StringComparison.Ordinal);

        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync();
        Assert.Equal("cli@example.org", user.Email);
        Assert.StartsWith("cli:", (await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.UserCreate)).UserName, StringComparison.Ordinal);
        Assert.Equal(0, await db.Imports.CountAsync()); // no demo data seeded by a CLI verb
    }
}
