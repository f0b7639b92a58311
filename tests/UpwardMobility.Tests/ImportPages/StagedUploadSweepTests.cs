using System.Diagnostics;
using UpwardMobility.Tests.Infrastructure;
using UpwardMobility.Web.Import;

namespace UpwardMobility.Tests.ImportPages;

/// <summary>A process killed mid-upload leaves its staged file behind: the next start removes it, and only it.</summary>
public class StagedUploadSweepTests
{
    [Fact]
    public async Task Start_up_removes_the_staged_uploads_of_a_process_that_is_gone()
    {
        // A process that has ended: its id names the folder it would have made.
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        var left = Directory.CreateTempSubdirectory($"{ImportUploadStore.FolderPrefix}{gone.Id}-").FullName;
        await File.WriteAllTextAsync(Path.Combine(left, "staged.csv"), "year,state,county,share_employed\n2023,06,037,0.5\n");
        // A running process's folder (this test's own) stays.
        using var mine = new ImportUploadStore(1024);
        try
        {
            await using var app = await TestHost.StartAsync(new());
            Assert.False(Directory.Exists(left), $"{left} is still there");
            Assert.True(Directory.Exists(mine.Folder));
        }
        finally
        {
            if (Directory.Exists(left))
            {
                Directory.Delete(left, recursive: true);
            }
        }
    }
}
