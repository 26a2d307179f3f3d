using System.Globalization;
using System.Text.Json;

namespace Orleans.Licensing.Testing;

/// <summary>
/// KA traffic over a set of licenses, for the benchmark driver and the fault test alike: every license created, and
/// the planning of its next request. A license has at most one request in flight, so its requests reach the service
/// in the order they were planned and each one is valid for the state the previous one left. The driver draws
/// actions from a <see cref="Mix"/> (a wanted action that applies to no license yet becomes a PURCHASE); the fault
/// test takes each license through a life of its own choosing, one action at a time.
/// </summary>
public sealed class LicenseBook(string prefix, int seed)
{
    private static readonly DateOnly FirstDay = new(2016, 3, 12);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();
    private readonly List<LicenseSlot> _active = [];
    private readonly Random _random = new(seed);
    private int _created;

    public int Created
    {
        get
        {
            lock (_gate)
            {
                return _created;
            }
        }
    }

    public int Active
    {
        get
        {
            lock (_gate)
            {
                return _active.Count;
            }
        }
    }

    /// <summary>
    /// A run's own PURCHASE_ID prefix: KA's ids are 1 to 10 letters and digits, so 4 characters leave 6 digits
    /// for the licenses of one run and runs against the same database do not collide.
    /// </summary>
    public static string NewPrefix(char letter)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return letter + string.Concat(Enumerable.Range(0, 3).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
    }

    /// <summary>
    /// Takes over the first <paramref name="count"/> licenses of this prefix as an earlier run's seed phase left
    /// them (purchased, nothing since), e.g. after the service was restarted. Their purchase body is not known
    /// here, so a replay of a resumed license is checked only once it has been issued a body in this run.
    /// </summary>
    public void Resume(int count)
    {
        lock (_gate)
        {
            for (; _created < count; _created++)
            {
                var slot = NewSlot();
                slot.Stage = LicenseStage.Active;
                slot.LastForm = KaForms.Issue("PURCHASE", slot.Id, KaForms.Basic, slot.FirstStart, slot.FirstExpiry);
                slot.ActiveIndex = _active.Count;
                _active.Add(slot);
            }
        }
    }

    /// <summary>
    /// A book as <see cref="Save"/> left it: the same prefix, and every active license at its product, period and
    /// last issued request and body, so that the next requests are valid and replays are checked byte for byte,
    /// e.g. after the service was restarted between two driver runs.
    /// </summary>
    public static LicenseBook Load(string file, int seed)
    {
        var saved = JsonSerializer.Deserialize<SavedBook>(File.ReadAllText(file), Json)
            ?? throw new InvalidDataException($"{file} is empty");
        var book = new LicenseBook(saved.Prefix, seed);
        book._created = saved.Created;
        foreach (var license in saved.Licenses)
        {
            var slot = new LicenseSlot(license.Id, license.FirstStart)
            {
                Stage = LicenseStage.Active,
                Product = license.Product,
                Period = license.Period,
                LastForm = license.LastForm,
                LastBody = license.LastBody,
                ActiveIndex = book._active.Count,
            };
            book._active.Add(slot);
        }

        return book;
    }

    /// <summary>Writes the prefix, the count of licenses created and every active license's state, for <see cref="Load"/>.</summary>
    public void Save(string file)
    {
        SavedBook saved;
        lock (_gate)
        {
            if (_active.Any(s => s.Busy))
            {
                throw new InvalidOperationException("a request is still in flight: the book is saved between runs only");
            }

            saved = new SavedBook(prefix, _created,
                [.. _active.Select(s => new SavedLicense(s.Id, s.FirstStart, s.Product, s.Period, s.LastForm, s.LastBody))]);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllText(file, JsonSerializer.Serialize(saved, Json));
    }

    /// <summary>The licenses active now (purchased, not terminated), in the order they were purchased or loaded.</summary>
    public IReadOnlyList<LicenseSlot> ActiveLicenses()
    {
        lock (_gate)
        {
            return [.. _active];
        }
    }

    /// <summary>A license of this book's prefix, not yet purchased, for a caller that chooses each of its actions.</summary>
    public LicenseSlot NewLicense()
    {
        lock (_gate)
        {
            var slot = NewSlot();
            _created++;
            return slot;
        }
    }

    /// <summary>
    /// The next <paramref name="action"/> of this license (a PURCHASE of a new one; a RENEW a month on; an UPGRADE to
    /// the other edition; a replay of the last request that issued a body), for a caller that keeps at most one
    /// request per license in flight itself; <see cref="Complete"/> moves the license on as it does for planned requests.
    /// </summary>
    public PlannedRequest Plan(LicenseSlot slot, KaAction action)
    {
        lock (_gate)
        {
            var expected = action == KaAction.Purchase ? LicenseStage.New : LicenseStage.Active;
            if (slot.Stage != expected || slot.Busy)
            {
                throw new InvalidOperationException($"{slot.Id} is {(slot.Busy ? "busy" : slot.Stage.ToString())}: {action} needs an idle {expected.ToString().ToLowerInvariant()} license");
            }

            slot.Busy = true;
            return Build(action, action, slot);
        }
    }

    public PlannedRequest Plan(Mix mix)
    {
        lock (_gate)
        {
            var wanted = mix.Pick(_random);
            if (wanted != KaAction.Purchase && PickIdleActive() is { } slot)
            {
                slot.Busy = true;
                return Build(wanted, wanted, slot);
            }

            var fresh = NewSlot();
            fresh.Busy = true;
            _created++;
            return Build(wanted, KaAction.Purchase, fresh);
        }
    }

    private LicenseSlot NewSlot()
    {
        var id = prefix + _created.ToString(CultureInfo.InvariantCulture);
        return id.Length <= 10
            ? new LicenseSlot(id, FirstDay.AddDays(_created % 28))
            : throw new InvalidOperationException($"PURCHASE_ID {id} is longer than KA's 10 characters: use a shorter --prefix");
    }

    /// <summary>Records the answer; returns false when a replay's answer differs from the body first issued.</summary>
    public bool Complete(PlannedRequest request, int status, byte[] body)
    {
        lock (_gate)
        {
            var slot = request.Slot;
            slot.Busy = false;
            if (status != 200)
            {
                // Not applied: the license stays where it was and its next request is planned from there.
                return true;
            }

            switch (request.Action)
            {
                case KaAction.Purchase:
                    slot.Stage = LicenseStage.Active;
                    slot.ActiveIndex = _active.Count;
                    _active.Add(slot);
                    Issued(slot, request, body);
                    break;
                case KaAction.Renew:
                case KaAction.Upgrade:
                    Issued(slot, request, body);
                    break;
                case KaAction.Terminate:
                    slot.Stage = LicenseStage.Terminated;
                    RemoveActive(slot);
                    break;
                case KaAction.Replay:
                    return request.Expected is null || body.AsSpan().SequenceEqual(request.Expected);
                case KaAction.GetInfo:
                default:
                    break;
            }

            return true;
        }
    }

    private static void Issued(LicenseSlot slot, PlannedRequest request, byte[] body)
    {
        slot.Product = request.Product;
        slot.Period = request.Period;
        slot.LastForm = request.Form;
        slot.LastBody = body;
    }

    private static PlannedRequest Build(KaAction wanted, KaAction action, LicenseSlot slot)
    {
        var id = slot.Id;
        switch (action)
        {
            case KaAction.Purchase:
                return new(slot, wanted, action,
                    KaForms.Issue("PURCHASE", id, KaForms.Basic, slot.FirstStart, slot.FirstExpiry), KaForms.Basic, 0, null);
            case KaAction.Renew:
                {
                    var period = slot.Period + 1;
                    var form = KaForms.Issue("RENEW", id, slot.Product, slot.FirstStart.AddMonths(period), slot.FirstExpiry.AddMonths(period), Base64(slot.LastBody));
                    return new(slot, wanted, action, form, slot.Product, period, null);
                }

            case KaAction.Upgrade:
                {
                    // Same period, the other edition: Basic and Pro may be upgraded to each other.
                    var product = KaForms.Other(slot.Product);
                    var form = KaForms.Issue("UPGRADE", id, product, slot.FirstStart.AddMonths(slot.Period), slot.FirstExpiry.AddMonths(slot.Period), Base64(slot.LastBody));
                    return new(slot, wanted, action, form, product, slot.Period, null);
                }

            case KaAction.Terminate:
                return new(slot, wanted, action,
                    KaForms.Terminate(id, slot.FirstStart.AddMonths(slot.Period).AddDays(15), product: slot.Product), slot.Product, slot.Period, null);
            case KaAction.GetInfo:
                return new(slot, wanted, action, KaForms.GetInfo(id, slot.Product), slot.Product, slot.Period, null);
            case KaAction.Replay:
                return new(slot, wanted, action, slot.LastForm!, slot.Product, slot.Period, slot.LastBody);
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private LicenseSlot? PickIdleActive()
    {
        // A few random tries: with thousands of licenses and tens of requests in flight a busy one is rare.
        for (var attempt = 0; attempt < 16 && _active.Count > 0; attempt++)
        {
            var slot = _active[_random.Next(_active.Count)];
            if (!slot.Busy)
            {
                return slot;
            }
        }

        return null;
    }

    private void RemoveActive(LicenseSlot slot)
    {
        var last = _active[^1];
        _active[slot.ActiveIndex] = last;
        last.ActiveIndex = slot.ActiveIndex;
        _active.RemoveAt(_active.Count - 1);
        slot.ActiveIndex = -1;
    }

    private static string? Base64(byte[]? body) => body is null ? null : Convert.ToBase64String(body);
}
