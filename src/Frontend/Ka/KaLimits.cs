namespace Orleans.Licensing.Frontend.Ka;

internal sealed record KaLimits(int MaxActivationDataChars, int MaxPreviousLicenseBodyChars);
