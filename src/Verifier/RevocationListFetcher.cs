namespace IsvLicensing.Verifier;

/// <summary>
/// Keeps a verified copy of the service's revocation document (<c>GET /.well-known/revocations.jws</c>): fetched
/// again once the copy passes its <see cref="RevocationList.NextUpdate"/>, with a timeout; when the service cannot be
/// reached, or answers with something that does not verify, the last good copy stays in use and
/// <see cref="LastError"/> says why (its age shows in <see cref="VerificationResult.RevocationsAge"/>). A copy older
/// than the one held is refused, so an old document replayed cannot un-revoke a license. With a
/// <see cref="CacheFile"/>, the last good copy survives restarts. Thread-safe; keep one per application.
/// </summary>
public sealed class RevocationListFetcher(HttpClient http, Uri address, LicenseKeySet keys, string? issuer = null, TimeProvider? time = null) : IDisposable
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private bool _cacheRead;

    /// <summary>How long one fetch may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After a failed fetch, how long before the next try: an outage is not met with a request per verification.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Where the last good copy is kept between runs; null: only in memory.</summary>
    public string? CacheFile { get; init; }

    public RevocationList? Current { get; private set; }

    /// <summary>Why the last fetch failed; null after a good one.</summary>
    public string? LastError { get; private set; }

    /// <summary>The current copy, fetched first if it is missing or past its next update; null only if no good copy was ever had.</summary>
    public async Task<RevocationList?> Get(CancellationToken cancellation = default)
    {
        var now = _time.GetUtcNow();
        if (Current is { } fresh && !fresh.IsStale(now))
        {
            return fresh;
        }

        await _fetching.WaitAsync(cancellation);
        try
        {
            if (!_cacheRead)
            {
                _cacheRead = true;
                ReadCacheFile();
            }

            now = _time.GetUtcNow();
            if ((Current is { } current && !current.IsStale(now)) || now < _retryAt)
            {
                return Current;
            }

            await Fetch(cancellation);
            return Current;
        }
        finally
        {
            _fetching.Release();
        }
    }

    private async Task Fetch(CancellationToken cancellation)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(Timeout);
            using var response = await http.GetAsync(address, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var document = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var list = RevocationList.Verify(document, keys, issuer);
            if (Current is { } held && list.IssuedAt < held.IssuedAt)
            {
                throw new FormatException($"revocation document refused: issued {list.IssuedAt:O}, older than the copy held ({held.IssuedAt:O})");
            }

            Current = list;
            LastError = null;
            if (CacheFile is { } file)
            {
                var temporary = file + ".tmp";
                await File.WriteAllBytesAsync(temporary, document, cancellation);
                File.Move(temporary, file, overwrite: true);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or FormatException or IOException or UnauthorizedAccessException
            && !cancellation.IsCancellationRequested)
        {
            LastError = e is OperationCanceledException ? $"{address} did not answer within {Timeout}" : e.Message;
            _retryAt = _time.GetUtcNow() + RetryDelay;
        }
    }

    public void Dispose() => _fetching.Dispose();

    private void ReadCacheFile()
    {
        if (CacheFile is not { } file || !File.Exists(file))
        {
            return;
        }

        try
        {
            Current = RevocationList.Verify(File.ReadAllBytes(file), keys, issuer);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            // A broken or foreign cache file is as good as none: the next fetch replaces it.
            LastError = $"{file}: {e.Message}";
        }
    }
}
