using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Licensing.Signing;

internal sealed class SigningKeyCheck(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<SigningKeyCheck>(ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            services.GetRequiredService<SigningKeyRing>();
            return Task.CompletedTask;
        });
}
