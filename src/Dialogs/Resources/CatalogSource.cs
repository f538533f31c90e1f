using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace WellnessBot.Dialogs.Resources;

/// <summary>What happened when the catalog file was last checked.</summary>
public enum CatalogReload { Unchanged, Loaded, Rejected }

/// <summary>
/// The catalog in use and where it came from. The file is read at start-up (a broken file stops start-up, naming
/// the problems) and re-read whenever its content changes; a broken edit is rejected, the last good catalog keeps
/// running, and <see cref="LastProblem"/> says why until the file is fixed.
/// </summary>
public sealed partial class CatalogSource(ResourceSettings settings, ILogger<CatalogSource> logger)
{
    private readonly Lock _gate = new();
    private volatile ResourceFinder? _finder;
    private string? _loadedHash, _rejectedHash, _fileHash;

    public string Path => settings.CatalogPath;

    /// <summary>The finder over the last good catalog; loads the file on first use.</summary>
    public ResourceFinder Finder => _finder ?? LoadOrThrow();

    /// <summary>
    /// The peer supporters' approach guide. An offer must go out whatever state the catalog is in, so a catalog that
    /// cannot be read gives the built-in guide rather than an error.
    /// </summary>
    public SupporterGuide SupporterGuide
    {
        get
        {
            try
            {
                return Finder.Catalog.SupporterGuide;
            }
            catch (Exception ex) when (ex is CatalogException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                return SupporterGuide.Default; // no catalog configured, or none readable: the built-in guide
            }
        }
    }

    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>The catalog file's last good content, to import into the store; null until it was read.</summary>
    public (string Text, string Hash)? LastFile { get; private set; }

    /// <summary>How many good contents of the file this process has read: 1 at start-up, one more for each edit since.</summary>
    public int FileReads { get; private set; }

    /// <summary>
    /// Uses a version from the store (a coordinator's edit, on this instance or another) when it is not the one in
    /// use. The store only keeps versions the loader accepted; one it would not is ignored and the current one stays.
    /// </summary>
    public bool Use(string text, string hash)
    {
        lock (_gate)
        {
            if (hash == _loadedHash) return false;
            try
            {
                _finder = new ResourceFinder(CatalogReader.Parse(text, "the stored catalog"));
            }
            catch (CatalogException)
            {
                return false;
            }
            _loadedHash = hash;
            LoadedAt = DateTimeOffset.UtcNow;
            LogLoaded(logger, "the table store", _finder.Catalog.Resources.Count);
            return true;
        }
    }
    public CatalogException? LastProblem { get; private set; }

    private ResourceFinder LoadOrThrow()
    {
        lock (_gate)
        {
            if (_finder is not null) return _finder;
            var (text, hash) = Read();
            _finder = new ResourceFinder(CatalogReader.Parse(text, Path)); // at start-up a broken file is an error
            _loadedHash = _fileHash = hash;
            LastFile = (text, hash);
            FileReads++;
            LoadedAt = DateTimeOffset.UtcNow;
            LogLoaded(logger, Path, _finder.Catalog.Resources.Count);
            return _finder;
        }
    }

    /// <summary>Re-reads the file if its content changed. A broken edit keeps the current catalog.</summary>
    public CatalogReload ReloadIfChanged()
    {
        lock (_gate)
        {
            if (_finder is null) { LoadOrThrow(); return CatalogReload.Loaded; }
            string text, hash;
            try
            {
                (text, hash) = Read();
            }
            catch (CatalogException ex)
            {
                return Reject(ex, "unreadable:" + ex.Message);
            }
            // Compared with the file as last read, not with what is in use (which may be a version from the store).
            if (hash == _fileHash) { LastProblem = null; _rejectedHash = null; return CatalogReload.Unchanged; }
            if (hash == _rejectedHash) return CatalogReload.Unchanged; // still the same broken edit: already reported
            try
            {
                var finder = new ResourceFinder(CatalogReader.Parse(text, Path));
                _finder = finder;
                _loadedHash = _fileHash = hash;
                LastFile = (text, hash);
                FileReads++;
                _rejectedHash = null;
                LastProblem = null;
                LoadedAt = DateTimeOffset.UtcNow;
                LogLoaded(logger, Path, finder.Catalog.Resources.Count);
                return CatalogReload.Loaded;
            }
            catch (CatalogException ex)
            {
                return Reject(ex, hash);
            }
        }
    }

    private CatalogReload Reject(CatalogException problem, string hash)
    {
        if (hash == _rejectedHash) return CatalogReload.Unchanged;
        _rejectedHash = hash;
        LastProblem = problem;
        LogRejected(logger, Path, problem.Problems.Count, string.Join(" | ", problem.Problems));
        return CatalogReload.Rejected;
    }

    private (string Text, string Hash) Read()
    {
        try
        {
            var info = new FileInfo(Path);
            if (!info.Exists) throw new CatalogException(Path, ["the file does not exist (set Resources:CatalogPath to the catalog's path)"]);
            if (info.Length > CatalogReader.MaxFileBytes) throw new CatalogException(Path, [$"the file is {info.Length} bytes; the limit is {CatalogReader.MaxFileBytes}"]);
            var bytes = File.ReadAllBytes(Path);
            return (System.Text.Encoding.UTF8.GetString(bytes), Convert.ToHexString(SHA256.HashData(bytes)));
        }
        catch (IOException ex)
        {
            throw new CatalogException(Path, [$"could not be read: {ex.Message}"]);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CatalogException(Path, [$"could not be read: {ex.Message}"]);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Resource catalog loaded from {Path}: {Count} resources")]
    private static partial void LogLoaded(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Resource catalog edit in {Path} rejected ({Count} problems); the last good catalog stays in use: {Problems}")]
    private static partial void LogRejected(ILogger logger, string path, int count, string problems);
}
