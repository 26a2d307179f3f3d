using Microsoft.Extensions.DependencyInjection;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>An embedded frontend whose silo counts the calls that reach the key-set grain.</summary>
public sealed class JwksFrontend : EmbeddedFrontend
{
    public JwksFrontend()
        : this(new KeySetCallCounter())
    {
    }

    private JwksFrontend(KeySetCallCounter counter)
        : base(new Dictionary<string, string?>(), services => services.AddSingleton<IIncomingGrainCallFilter>(counter)) => Counter = counter;

    public KeySetCallCounter Counter { get; }
}
