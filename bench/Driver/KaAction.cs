namespace Orleans.Licensing.Bench;

/// <summary>What the driver sends; <see cref="Replay"/> is KA's retry of an earlier request, byte for byte.</summary>
internal enum KaAction
{
    Purchase,
    Renew,
    Upgrade,
    Terminate,
    GetInfo,
    Replay,
}
