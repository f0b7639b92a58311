using System.Text;
using Microsoft.Extensions.Configuration;
using UpwardMobility.Web.Import;

namespace UpwardMobility.Tests.ImportPages;

public class ImportUploadOptionsTests
{
    private static readonly ImportUploadOptions Limits = new() { MaxUploadMegabytes = 2 };

    [Theory]
    [InlineData("data.csv", "text/csv")]
    [InlineData("DATA.CSV", "application/vnd.ms-excel")] // what Windows browsers report for .csv
    [InlineData("data.csv", "")]
    [InlineData("notes.txt", "text/plain")]
    public void Accepts_csv_text(string name, string contentType) =>
        Assert.Null(Limits.Check(name, contentType, 1000));

    [Theory]
    [InlineData("book.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Save the sheet as CSV")]
    [InlineData("data.zip", "application/zip", "Unpack it")]
    [InlineData("picture.png", "image/png", "only CSV files")]
    [InlineData("data.csv", "image/png", "not as a CSV text file")]
    public void Refuses_other_types_with_a_message_naming_the_file(string name, string contentType, string expected)
    {
        var message = Limits.Check(name, contentType, 1000);
        Assert.NotNull(message);
        Assert.StartsWith(name, message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_files_over_the_limit_and_empty_files()
    {
        Assert.Null(Limits.Check("a.csv", "text/csv", 2 * 1024 * 1024));
        var message = Limits.Check("big.csv", "text/csv", 2 * 1024 * 1024 + 1);
        Assert.Contains("more than the limit of 2 MB", message, StringComparison.Ordinal);
        Assert.Contains("is empty", Limits.Check("empty.csv", "text/csv", 0), StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_limit_from_configuration_with_a_default_of_100_MB()
    {
        var empty = new ConfigurationBuilder().Build();
        Assert.Equal(100, ImportUploadOptions.FromConfiguration(empty).MaxUploadMegabytes);
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Import:MaxUploadMegabytes"] = "250" }).Build();
        Assert.Equal(250L * 1024 * 1024, ImportUploadOptions.FromConfiguration(configured).MaxUploadBytes);
        var nonsense = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Import:MaxUploadMegabytes"] = "-3" }).Build();
        Assert.Equal(100, ImportUploadOptions.FromConfiguration(nonsense).MaxUploadMegabytes);
    }
}

public class ImportUploadStoreTests
{
    [Fact]
    public async Task Saves_uploads_to_a_private_temp_folder_and_deletes_it_on_dispose()
    {
        string folder;
        StagedUpload upload;
        using (var store = new ImportUploadStore(1024 * 1024))
        {
            folder = store.Folder;
            var content = "year,state,county,x\r\n2020,01,001,1\r\n2021,01,001,2\r\n";
            var reported = new List<long>();
            upload = await store.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), @"C:\Users\me\data.csv", reported.Add);

            Assert.Equal("data.csv", upload.FileName);
            Assert.Equal(folder, Path.GetDirectoryName(upload.Path));
            Assert.Equal(content, await File.ReadAllTextAsync(upload.Path));
            Assert.Equal(2, upload.EstimatedDataRows);
            Assert.Equal(Encoding.UTF8.GetByteCount(content), upload.Size);
            Assert.Equal(upload.Size, reported[^1]);

            var noFinalNewline = await store.SaveAsync(new MemoryStream("a,b\n1,2\n3,4"u8.ToArray()), "b.csv");
            Assert.Equal(2, noFinalNewline.EstimatedDataRows);
            store.Delete(noFinalNewline);
            Assert.False(File.Exists(noFinalNewline.Path));
            Assert.True(File.Exists(upload.Path));
        }
        Assert.False(File.Exists(upload.Path));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Refuses_binary_content_and_oversized_streams_leaving_nothing_behind()
    {
        using var store = new ImportUploadStore(1000);
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00 };
        var binary = await Assert.ThrowsAsync<UploadRejectedException>(() => store.SaveAsync(new MemoryStream(zip), "book.csv"));
        Assert.Contains("book.csv was not uploaded: it is not a plain-text CSV file", binary.Message, StringComparison.Ordinal);

        var large = await Assert.ThrowsAsync<UploadRejectedException>(() => store.SaveAsync(new MemoryStream(new byte[2000].Select(_ => (byte)'a').ToArray()), "large.csv"));
        Assert.Contains("larger than the limit", large.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<UploadRejectedException>(() => store.SaveAsync(new MemoryStream(), "empty.csv"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(store.Folder));
    }

    [Fact]
    public async Task Cancelled_upload_leaves_nothing_behind()
    {
        using var store = new ImportUploadStore(1024 * 1024);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(new MemoryStream("a,b\n"u8.ToArray()), "a.csv", null, cts.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(store.Folder));
    }

    [Theory]
    [InlineData("../../etc/passwd.csv", "passwd.csv")]
    [InlineData("C:\\temp\\x.csv", "x.csv")]
    [InlineData("bad\u0007name.csv", "badname.csv")]
    [InlineData("", "upload.csv")]
    public void Display_names_have_no_folders_or_control_characters(string name, string expected) =>
        Assert.Equal(expected, ImportUploadStore.DisplayName(name));

    [Fact]
    public void Long_names_keep_their_extension()
    {
        var name = ImportUploadStore.DisplayName(new string('x', 300) + ".csv");
        Assert.Equal(200, name.Length);
        Assert.EndsWith(".csv", name, StringComparison.Ordinal);
    }
}

public class ThrottledProgressTests
{
    [Fact]
    public void Stores_every_report_but_notifies_at_most_once_per_interval()
    {
        var last = 0;
        var notified = 0;
        var progress = new ThrottledProgress<int>(v => last = v, () => notified++, TimeSpan.FromHours(1));
        for (var i = 1; i <= 1000; i++)
        {
            progress.Report(i);
        }
        Assert.Equal(1000, last);
        Assert.Equal(0, notified);

        var eager = new ThrottledProgress<int>(_ => { }, () => notified++, TimeSpan.Zero);
        eager.Report(1);
        eager.Report(2);
        Assert.Equal(2, notified);
    }
}
