using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>
/// KA requests by action and HTTP status, since this process started, read from the service's own
/// <see cref="LicensingTelemetry.KaRequests"/> counter in process (by name): the console needs no metrics backend. Each
/// frontend counts the requests it answered; the Prometheus endpoint remains the place for the whole fleet.
/// </summary>
internal sealed class KaRequestMeter : IDisposable
{
    private readonly ConcurrentDictionary<(string Action, int Status), long> _counts = new();
    private readonly MeterListener _listener = new();

    public KaRequestMeter(TimeProvider time)
    {
        Since = time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LicensingTelemetry.Name && instrument.Name == LicensingTelemetry.KaRequestsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        _listener.Start();
    }

    public DateTimeOffset Since { get; }

    /// <summary>Counts by action and status, ordered by action then status.</summary>
    public IReadOnlyList<KaRequestCount> Snapshot() =>
        [.. _counts.Select(c => new KaRequestCount(c.Key.Action, c.Key.Status, c.Value)).OrderBy(c => c.Action, StringComparer.Ordinal).ThenBy(c => c.Status)];

    public void Dispose() => _listener.Dispose();

    private void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var action = "";
        var status = 0;
        foreach (var (key, tag) in tags)
        {
            if (key == "action")
            {
                action = Convert.ToString(tag, CultureInfo.InvariantCulture) ?? "";
            }
            else if (key == "status" && tag is not null)
            {
                status = Convert.ToInt32(tag, CultureInfo.InvariantCulture);
            }
        }

        _counts.AddOrUpdate((action, status), value, (_, total) => total + value);
    }
}
