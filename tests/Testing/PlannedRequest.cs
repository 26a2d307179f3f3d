namespace Orleans.Licensing.Testing;

/// <summary>
/// A request ready to send. <paramref name="Wanted"/> is what the mix asked for, <paramref name="Action"/> what is
/// sent (they differ when the wanted action did not apply to any license yet).
/// </summary>
public sealed record PlannedRequest(LicenseSlot Slot, KaAction Wanted, KaAction Action, string Form, string Product, int Period, byte[]? Expected);
