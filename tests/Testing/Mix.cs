namespace Orleans.Licensing.Testing;

/// <summary>Weights of the actions in a phase's traffic.</summary>
public sealed class Mix
{
    private readonly (KaAction Action, int Weight)[] _weights;
    private readonly int _total;

    private Mix(string name, params (KaAction Action, int Weight)[] weights)
    {
        Name = name;
        _weights = weights;
        _total = weights.Sum(w => w.Weight);
    }

    public string Name { get; }

    /// <summary>The mix: 10% PURCHASE, 55% RENEW, 5% UPGRADE, 10% replays, 15% GET-INFO, 5% TERMINATE.</summary>
    public static Mix Mixed { get; } = new("mixed",
        (KaAction.Purchase, 10), (KaAction.Renew, 55), (KaAction.Upgrade, 5), (KaAction.Replay, 10), (KaAction.GetInfo, 15), (KaAction.Terminate, 5));

    /// <summary>Only what writes durable state, in the same proportions to one another.</summary>
    public static Mix Write { get; } = new("write",
        (KaAction.Purchase, 10), (KaAction.Renew, 55), (KaAction.Upgrade, 5), (KaAction.Terminate, 5));

    /// <summary>Only what is answered from memory: replays and GET-INFO, in the same proportions to one another.</summary>
    public static Mix Read { get; } = new("read", (KaAction.Replay, 10), (KaAction.GetInfo, 15));

    public static Mix PurchaseOnly { get; } = new("purchase", (KaAction.Purchase, 1));

    /// <summary>Only RENEW: what --age sends, every seeded license a month on at a time.</summary>
    public static Mix RenewOnly { get; } = new("renew", (KaAction.Renew, 1));

    /// <summary>
    /// The mix without PURCHASE and TERMINATE: every request acts on a license that exists and stays, so
    /// the licenses a run prepared (e.g. aged) remain the ones it acts on.
    /// </summary>
    public static Mix Existing { get; } = new("existing",
        (KaAction.Renew, 55), (KaAction.Upgrade, 5), (KaAction.Replay, 10), (KaAction.GetInfo, 15));

    public static Mix Parse(string name) => name switch
    {
        "mixed" => Mixed,
        "write" => Write,
        "read" => Read,
        "purchase" => PurchaseOnly,
        "renew" => RenewOnly,
        "existing" => Existing,
        _ => throw new FormatException($"unknown mix '{name}' (mixed, write, read, purchase, renew, existing)"),
    };

    public KaAction Pick(Random random)
    {
        var roll = random.Next(_total);
        foreach (var (action, weight) in _weights)
        {
            if (roll < weight)
            {
                return action;
            }

            roll -= weight;
        }

        return _weights[^1].Action;
    }
}
