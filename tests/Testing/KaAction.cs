namespace Orleans.Licensing.Testing;

/// <summary>What the driver sends; <see cref="Replay"/> is KA's retry of an earlier request, byte for byte.</summary>
public enum KaAction
{
    Purchase,
    Renew,
    Upgrade,
    Terminate,
    GetInfo,
    Replay,
}
