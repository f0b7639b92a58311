using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;
using UpwardMobility.Web;
using UpwardMobility.Web.Accounts;

namespace UpwardMobility.Tests.Accounts;

/// <summary>The first administrator: from configuration once, or from the <c>create-admin</c> verb; never a default.</summary>
public class FirstAdminTests
{
    private const string ConfigPassword = "first admin password from config";

    private static Dictionary<string, string?> FirstAdmin(string email, string password) => new()
    {
        [FirstAdminBootstrap.EmailKey] = email,
        [FirstAdminBootstrap.PasswordKey] = password,
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Configuration_creates_the_first_admin_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var app = await TestHost.StartAsync(new() { Database = database, Settings = FirstAdmin("first@example.org", ConfigPassword) }))
        {
            var client = await app.SignedInClientAsync("first@example.org", ConfigPassword);
            Assert.Contains("Administration", await client.GetStringAsync("/admin"), StringComparison.Ordinal);
        }
        // Started again with other settings: an admin exists, so nothing changes.
        await using (await TestHost.StartAsync(new() { Database = database, Settings = FirstAdmin("second@example.org", "another password for another") }))
        {
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
        await using var app = await TestHost.StartAsync(new() { Settings = FirstAdmin("config@example.org", ConfigPassword) }); // creates config@example.org
        await app.CreateUserAsync("other@example.org", [Roles.Admin]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            await users.DeleteAsync((await users.FindByEmailAsync("config@example.org"))!);
        }
        await app.Services.BootstrapAccountsAsync(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        await using var db = app.CreateContext();
        Assert.Equal(["other@example.org"], await db.Users.Select(u => u.Email!).ToListAsync());
    }

    [Fact]
    public async Task Without_configuration_there_is_no_account_and_no_default_password_anywhere()
    {
        await using var app = await TestHost.StartAsync(new());
        await using (var db = app.CreateContext())
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
    public async Task Create_admin_parses_its_arguments()
    {
        Assert.False(CommandLineVerbs.Handles([]));
        Assert.False(CommandLineVerbs.Handles(["--urls", "http://localhost:5080"])); // the web app's own arguments
        Assert.True(CommandLineVerbs.Handles(["create-admin", "a@example.org"]));
        Assert.True(CommandLineVerbs.Handles(["--help"]));

        Assert.Equal((0, "a@example.org"), await ParseCreateAdminAsync("create-admin", "a@example.org"));
        Assert.Equal((0, "a@example.org"), await ParseCreateAdminAsync("create-admin", " a@example.org "));
        Assert.Equal(2, (await ParseCreateAdminAsync("create-admin")).Exit);
        // The password never goes on the command line.
        Assert.Equal(2, (await ParseCreateAdminAsync("create-admin", "a@example.org", "secret-on-the-command-line")).Exit);
        Assert.Equal(2, (await ParseCreateAdminAsync("create-admin", "not-an-email")).Exit);
        Assert.Equal(2, (await ParseCreateAdminAsync("create-admin", "--force")).Exit);
    }

    [Fact]
    public async Task Every_verb_explains_itself_with_help()
    {
        var output = new StringWriter();
        Assert.Equal(0, await CommandLineVerbs.RunAsync(Verbs(), ["--help"], output, new StringWriter()));
        Assert.Contains("import <PATH>", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("create-admin <EMAIL>", output.ToString(), StringComparison.Ordinal);

        output = new StringWriter();
        Assert.Equal(0, await CommandLineVerbs.RunAsync(Verbs(), ["import", "--help"], output, new StringWriter()));
        foreach (var option in new[] { "--dry-run", "--year", "--accept-partial" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }

        // A usage error names the problem and shows the verb's help, on standard error, with exit code 2.
        var error = new StringWriter();
        Assert.Equal(2, await CommandLineVerbs.RunAsync(Verbs(), ["import", "--year", "1800", "x.csv"], new StringWriter(), error));
        Assert.Contains("--year needs a year such as 2023.", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--accept-partial", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await CommandLineVerbs.RunAsync(Verbs(), ["import"], new StringWriter(), new StringWriter()));
        Assert.Equal(2, await CommandLineVerbs.RunAsync(Verbs(), ["import", "--no-such-option", "x.csv"], new StringWriter(), new StringWriter()));
    }

    /// <summary>The verbs, with a host that must never start: these tests only parse.</summary>
    private static System.CommandLine.RootCommand Verbs(Func<CreateAdminCommand, IServiceProvider, TextWriter, Task<int>>? createAdmin = null) =>
        CommandLineVerbs.Build(() => Task.FromResult<Microsoft.Extensions.Hosting.IHost>(new NoHost()), createAdmin);

    private static async Task<(int Exit, string? Email)> ParseCreateAdminAsync(params string[] args)
    {
        string? email = null;
        var exit = await CommandLineVerbs.RunAsync(Verbs((command, _, _) =>
        {
            email = command.Email;
            return Task.FromResult(0);
        }), args, new StringWriter(), new StringWriter());
        return (exit, email);
    }

    private sealed class NoHost : Microsoft.Extensions.Hosting.IHost
    {
        public IServiceProvider Services { get; } = new ServiceCollection().BuildServiceProvider();

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input_and_can_recover_an_account()
    {
        await using var app = await TestHost.StartAsync(new());
        var command = new CreateAdminCommand("ops@example.org");

        var output = new StringWriter();
        Assert.Equal(1, await command.RunAsync(app.Services, CreateAdminCommand.ReadLine(new StringReader("short\n")), output));
        Assert.Contains("at least 12 characters", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await command.RunAsync(app.Services, CreateAdminCommand.ReadLine(new StringReader("")), new StringWriter()));

        output = new StringWriter();
        Assert.Equal(0, await command.RunAsync(app.Services, CreateAdminCommand.ReadLine(new StringReader("a password from stdin\n")), output));
        Assert.Contains("Created the administrator ops@example.org", output.ToString(), StringComparison.Ordinal);
        var client = await app.SignedInClientAsync("ops@example.org", "a password from stdin");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        // Run again for an existing, disabled and locked account: it is enabled, unlocked and given the new password.
        await using (var db = app.CreateContext())
        {
            var user = await db.Users.SingleAsync();
            user.Disabled = true;
            user.LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            await db.SaveChangesAsync();
        }
        Assert.Equal(0, await command.RunAsync(app.Services, CreateAdminCommand.ReadLine(new StringReader("the recovered password\n")), new StringWriter()));
        await app.SignedInClientAsync("ops@example.org", "the recovered password");
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
