using System.Diagnostics.CodeAnalysis;

namespace Orleans.Licensing;

/// <summary>
/// Where one step of a request leaves it: it goes on with a <typeparamref name="T"/>, or it ends here with the
/// <see cref="LicenseReply"/> to give (a refusal, or the stored answer a repeat gets). The parser, the rules and
/// the usage report all answer in this one shape; read it with <see cref="TryGetValue"/>.
/// </summary>
public readonly struct Outcome<T>
    where T : class
{
    private readonly T? _value;
    private readonly LicenseReply? _answer;

    private Outcome(T? value, LicenseReply? answer) => (_value, _answer) = (value, answer);

    /// <summary>The request goes on with <paramref name="value"/>.</summary>
    public static implicit operator Outcome<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>The request ends with <paramref name="answer"/>.</summary>
    public static implicit operator Outcome<T>(LicenseReply answer) => new(null, answer ?? throw new ArgumentNullException(nameof(answer)));

    /// <summary>True with the value when the request goes on; false with the answer that ends it.</summary>
    public bool TryGetValue([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out LicenseReply? answer)
    {
        (value, answer) = (_value, _answer);
        return value is not null;
    }
}
