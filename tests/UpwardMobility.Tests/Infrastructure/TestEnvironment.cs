namespace UpwardMobility.Tests.Infrastructure;

/// <summary>
/// What the test suite needs from the machine. <c>scripts/test.sh</c> starts a private PostgreSQL
/// cluster and sets these variables; tests that need them fail (never skip) when they are missing.
/// </summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "UPWARD_TEST_POSTGRES";
    public const string ChromiumVariable = "UPWARD_TEST_CHROMIUM";

    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);
    private static readonly Lazy<string> UrbanDataPathLazy = new(FindUrbanData);

    /// <summary>Npgsql connection string of the test cluster's maintenance database (<c>postgres</c>).</summary>
    public static string PostgresConnectionString => Require(PostgresVariable, "a PostgreSQL connection string");

    /// <summary>Path of the Chromium executable that Playwright drives.</summary>
    public static string ChromiumPath
    {
        get
        {
            var path = Require(ChromiumVariable, "the path of a Chromium executable");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"{ChromiumVariable} is '{path}', which does not exist. Run the tests with `bash scripts/test.sh`, which installs Chromium.");
            }
            return path;
        }
    }

    /// <summary>The folder that holds <c>UpwardMobility.sln</c>.</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The Urban Institute data laid beside the repository: <c>../shared/data/urban</c>.</summary>
    public static string UrbanDataPath => UrbanDataPathLazy.Value;

    private static string Require(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{variable} is not set: it should hold {what}. Run the test suite with `bash scripts/test.sh` " +
                "from the repository root; it starts a private PostgreSQL server, finds Chromium and sets it.");
        }
        return value;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UpwardMobility.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} contains UpwardMobility.sln; run the tests from a clone of the repository.");
    }

    private static string FindUrbanData()
    {
        var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "urban"));
        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Urban Institute data folder {path} is missing: the tests expect shared/data/urban beside the repository folder ({RepoRoot}).");
        }
        return path;
    }
}
