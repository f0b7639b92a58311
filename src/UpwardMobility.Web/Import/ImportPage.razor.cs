using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using UpwardMobility.Core.Import;
using UpwardMobility.Web.Import;

namespace UpwardMobility.Web.Import;

/// <summary>
/// Upload → dry run or import → reports → commit. Uploads stream to temp files kept until the page is left, so a
/// checked file is imported without uploading it again. Imports run in the background (the page stays responsive)
/// with a throttled progress display and a Cancel button; cancelling writes nothing of the file being imported.
/// </summary>
public partial class ImportPage
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<ImportQueueItem> _items = [];
    private readonly List<string> _uploadMessages = [];
    private readonly CancellationTokenSource _pageLifetime = new();
    private ImportUploadOptions _limits = new();
    private ImportUploadStore? _store;
    private UploadState? _upload;
    private bool _dryRun = true;
    private bool _acceptPartial;
    private int? _year;
    private string? _optionsMessage;
    private string? _status;
    private CancellationTokenSource? _runCancellation;
    private Task? _run;
    private ImportQueueItem? _current;
    private bool _cancelRequested;
    private volatile bool _disposed;

    [Inject]
    private MetricImportService Importer { get; set; } = default!;

    [Inject]
    private IConfiguration Configuration { get; set; } = default!;

    [Inject]
    private ILogger<ImportPage> Logger { get; set; } = default!;

    [Inject]
    private UpwardMobility.Web.Accounts.CurrentUser CurrentUser { get; set; } = default!;

    private bool Running => _run is not null;

    private bool Busy => Running || _upload is not null;

    private IEnumerable<ImportQueueItem> Runnable => _items.Where(i => !i.IsImported);

    private IEnumerable<ImportQueueItem> ReadyItems => _items.Where(i => i.ReadyToCommit);

    private IEnumerable<ImportQueueItem> PartialItems => _items.Where(i => i.CanCommitValidRows);

    protected override void OnInitialized() => _limits = ImportUploadOptions.FromConfiguration(Configuration);

    private async Task OnFilesSelectedAsync(InputFileChangeEventArgs e)
    {
        _uploadMessages.Clear();
        _status = null;
        IReadOnlyList<IBrowserFile> files;
        try
        {
            files = e.GetMultipleFiles(_limits.MaxFilesPerSelection);
        }
        catch (InvalidOperationException)
        {
            _uploadMessages.Add($"Choose at most {ImportFormat.Count(_limits.MaxFilesPerSelection)} files at a time: {ImportFormat.Count(e.FileCount)} were chosen, and none was uploaded.");
            return;
        }
        // Checked in the database before a byte is stored: the circuit's sign-in may be older than a disabling.
        if (await CurrentUser.NameIfAllowedAsync(UpwardMobility.Core.Accounts.Roles.Analyst, UpwardMobility.Core.Accounts.Roles.Admin) is null)
        {
            _uploadMessages.Add(NotUploaded);
            return;
        }

        var uploaded = 0;
        foreach (var file in files)
        {
            var name = ImportUploadStore.DisplayName(file.Name);
            if (_limits.Check(name, file.ContentType, file.Size) is { } problem)
            {
                _uploadMessages.Add(problem);
                continue;
            }
            var upload = _upload = new UploadState(name, file.Size);
            StateHasChanged();
            try
            {
                _store ??= new ImportUploadStore(_limits.MaxUploadBytes);
                await using var stream = file.OpenReadStream(_limits.MaxUploadBytes, _pageLifetime.Token);
                var lastRender = Stopwatch.GetTimestamp();
                var staged = await _store.SaveAsync(stream, name, bytes =>
                {
                    upload.Bytes = bytes;
                    if (Stopwatch.GetElapsedTime(lastRender) >= RenderInterval)
                    {
                        lastRender = Stopwatch.GetTimestamp();
                        StateHasChanged();
                    }
                }, _pageLifetime.Token);
                AddOrReplace(staged);
                uploaded++;
            }
            catch (UploadRejectedException ex)
            {
                _uploadMessages.Add(ex.Message);
            }
            catch (OperationCanceledException) when (_pageLifetime.IsCancellationRequested)
            {
                return; // the page is gone
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                Logger.LogWarning(ex, "Upload of {File} failed", name);
                _uploadMessages.Add($"{name} was not uploaded: the upload was interrupted. Choose the file again.");
            }
            finally
            {
                _upload = null;
            }
        }
        if (uploaded > 0)
        {
            _status = $"{Files(uploaded)} uploaded. {(_dryRun ? "Check them with a dry run" : "Import them")} below.";
        }
    }

    private void AddOrReplace(StagedUpload staged)
    {
        var item = new ImportQueueItem(staged);
        var index = _items.FindIndex(i => i.Upload.FileName == staged.FileName && !i.IsImported);
        if (index < 0)
        {
            _items.Add(item);
            return;
        }
        _store?.Delete(_items[index].Upload);
        _items[index] = item; // the same file chosen again: the new upload replaces the one not yet imported
    }

    private void Remove(ImportQueueItem item)
    {
        if (Busy)
        {
            return;
        }
        _store?.Delete(item.Upload);
        _items.Remove(item);
        _status = $"{item.Upload.FileName} removed.";
    }

    private async Task RunSelectedAsync()
    {
        _optionsMessage = null;
        if (_year is { } year && (year < 1900 || year > 2100))
        {
            _optionsMessage = "The year must be between 1900 and 2100, or left empty.";
            return;
        }
        if (await AllowedUserAsync() is not { } user)
        {
            return;
        }
        var options = new ImportOptions
        {
            DryRun = _dryRun,
            AcceptPartial = _acceptPartial,
            Year = (short?)_year,
            UserName = user,
        };
        Start([.. Runnable.Select(i => (i, options))]);
    }

    /// <summary>"Import these files": every file that passed its dry run, with the options it was checked with.</summary>
    private async Task CommitReadyAsync()
    {
        if (await AllowedUserAsync() is not { } user)
        {
            return;
        }
        Start([.. ReadyItems.Select(i => (i, i.Options! with { DryRun = false, AcceptPartial = false, UserName = user }))]);
    }

    /// <summary>"Import the valid rows": the analyst's explicit choice for one file with rejected rows.</summary>
    private async Task CommitValidRowsAsync(ImportQueueItem item)
    {
        if (await AllowedUserAsync() is not { } user)
        {
            return;
        }
        Start([(item, item.Options! with { DryRun = false, AcceptPartial = true, UserName = user })]);
    }

    /// <summary>
    /// The signed-in analyst's name, checked in the database now (enabled, same security stamp, still Analyst or
    /// Admin); null, with the reason shown, when they may no longer import. Imports are recorded under this name.
    /// </summary>
    private async Task<string?> AllowedUserAsync()
    {
        var user = await CurrentUser.NameIfAllowedAsync(UpwardMobility.Core.Accounts.Roles.Analyst, UpwardMobility.Core.Accounts.Roles.Admin);
        _status = user is null ? NotAllowed : _status;
        return user;
    }

    public const string NotUploaded =
        "Your account may no longer import data (it was disabled, its roles changed, or its password was reset): nothing was uploaded. Sign in again, or ask an administrator.";

    public const string NotAllowed =
        "Your account may no longer import data (it was disabled, its roles changed, or its password was reset). Nothing was checked or written. Sign in again, or ask an administrator.";

    private void Start(List<(ImportQueueItem Item, ImportOptions Options)> work)
    {
        if (Busy || work.Count == 0 || _disposed)
        {
            return;
        }
        foreach (var (item, _) in work)
        {
            item.State = QueueItemState.Waiting;
            item.Report = null;
        }
        _cancelRequested = false;
        _status = $"{(work[0].Options.DryRun ? "Checking" : "Importing")} {Files(work.Count)}…";
        _runCancellation = CancellationTokenSource.CreateLinkedTokenSource(_pageLifetime.Token);
        var token = _runCancellation.Token;
        _run = Task.Run(() => RunAsync(work, token));
    }

    private async Task RunAsync(List<(ImportQueueItem Item, ImportOptions Options)> work, CancellationToken ct)
    {
        var dryRun = work[0].Options.DryRun;
        var imported = 0;
        var cancelled = false;
        var refused = false;
        try
        {
            foreach (var (item, options) in work)
            {
                if (ct.IsCancellationRequested)
                {
                    cancelled = true;
                    await UpdateAsync(() => item.State = QueueItemState.Cancelled);
                    continue;
                }
                if (!options.DryRun && await CurrentUser.NameIfAllowedAsync(UpwardMobility.Core.Accounts.Roles.Analyst, UpwardMobility.Core.Accounts.Roles.Admin) is null)
                {
                    // Disabled or demoted while earlier files ran: the rest are not imported.
                    refused = true;
                    await UpdateAsync(() => item.State = QueueItemState.Cancelled);
                    continue;
                }
                await UpdateAsync(() =>
                {
                    _current = item;
                    item.Start(options);
                });
                var progress = new ThrottledProgress<ImportProgress>(p => item.Progress = p, () => _ = UpdateAsync(null), RenderInterval);
                ImportReport? report = null;
                var state = QueueItemState.Done;
                try
                {
                    report = await Importer.ImportFileAsync(item.Upload.Path, item.Upload.FileName, options, progress, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    state = QueueItemState.Cancelled;
                    cancelled = true;
                }
                catch (Exception ex)
                {
                    Logger.LogError(ex, "Import of {File} stopped with an error", item.Upload.FileName);
                    state = QueueItemState.Error;
                }
                if (report?.Outcome == ImportOutcome.Imported)
                {
                    imported++; // recorded in the audit log by the import's own transaction
                }
                await UpdateAsync(() =>
                {
                    item.Report = report;
                    item.State = state;
                    item.Error = state == QueueItemState.Error ? "The details are in the server log." : null;
                });
            }
        }
        finally
        {
            var summary = refused ? NotAllowed : Summary(work.Count, dryRun, imported, cancelled);
            await UpdateAsync(() =>
            {
                _run = null;
                _current = null;
                _runCancellation?.Dispose();
                _runCancellation = null;
                _cancelRequested = false;
                _status = summary;
            });
        }
    }

    private static string Summary(int files, bool dryRun, int imported, bool cancelled)
    {
        if (cancelled)
        {
            var verb = dryRun ? "checked" : "imported";
            var kept = imported > 0
                ? $" The {Files(imported)} imported before you cancelled stay imported; roll them back from the import history if needed."
                : "";
            return $"Cancelled: the file being {verb} when you cancelled was not written, and no later file was started.{kept}";
        }
        return dryRun
            ? $"Dry run finished: {Files(files)} checked, nothing written. Read the reports below."
            : $"{ImportFormat.Count(imported)} of {Files(files)} imported. Read the reports below.";
    }

    private void Cancel()
    {
        _cancelRequested = true;
        _status = "Cancelling: nothing of the current file will be written…";
        _runCancellation?.Cancel();
    }

    /// <summary>Applies a change on the renderer's thread and re-renders; a no-op once the page is gone.</summary>
    private async Task UpdateAsync(Action? change)
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            await InvokeAsync(() =>
            {
                change?.Invoke();
                if (!_disposed)
                {
                    StateHasChanged();
                }
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended while the import ran.
        }
    }

    private string StatusText(ImportQueueItem item) => item.State switch
    {
        QueueItemState.Waiting => Running ? "Waiting its turn" : "Uploaded; not checked yet",
        QueueItemState.Running => item.Options?.DryRun == true ? "Checking…" : "Importing…",
        QueueItemState.Cancelled => "Cancelled; nothing written",
        QueueItemState.Error => "Stopped by an error; nothing written",
        _ => item.Report switch
        {
            { Outcome: ImportOutcome.Imported, ImportId: var id } => $"Imported (import {id})",
            { Outcome: ImportOutcome.DryRun, RowsRejected: 0 } => "Checked: ready to import",
            { Outcome: ImportOutcome.DryRun } r => $"Checked: {ImportFormat.Count(r.RowsRejected)} rows rejected",
            { Outcome: ImportOutcome.NotImported } r => $"Not imported: {ImportFormat.Count(r.RowsRejected)} rows rejected",
            _ => "Not imported: the file could not be read",
        },
    };

    private static string ItemAnchor(ImportQueueItem item) => $"file-{item.Id:N}";

    private static string Files(int count) => count == 1 ? "1 file" : $"{ImportFormat.Count(count)} files";

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        _pageLifetime.Cancel(); // stops an upload, and the import (nothing of its current file is written)
        var store = _store;
        _store = null;
        if (_run is { } run)
        {
            // The running import still has its file open: delete the temp folder once it has stopped.
            _ = run.ContinueWith(_ => store?.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        else
        {
            store?.Dispose();
        }
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private sealed class UploadState(string fileName, long total)
    {
        public string FileName { get; } = fileName;
        public long Total { get; } = total;
        public long Bytes { get; set; }
    }
}
