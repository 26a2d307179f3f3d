using System.Globalization;
using System.Net;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Processes;

/// <summary>The two hosts as processes: a standalone silo with an external frontend, and refusals to start.</summary>
public sealed class HostingTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_frontend_serves_ka_from_a_silo_in_another_process()
    {
        var dataDirectory = TestEnvironment.NewDataDirectory();
        var gatewayPort = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture);
        var httpPort = TestEnvironment.FreePort();
        var siloHttp = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{TestEnvironment.FreePort()}"));
        await using var silo = ServiceProcess.Silo(new Dictionary<string, string>
        {
            ["Urls"] = siloHttp.ToString(),
            ["Licensing__DataDirectory"] = dataDirectory,
            ["Licensing__Cluster__SiloPort"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Licensing__Cluster__GatewayPort"] = gatewayPort,
        });
        await using var frontend = ServiceProcess.Frontend(new Dictionary<string, string>
        {
            ["Licensing__SiloMode"] = "External",
            ["Licensing__Cluster__GatewayPort"] = gatewayPort,
            ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}"),
        });
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}"));
        await frontend.WaitUntilServing(address, StartTimeout);
        var ka = new KaClient(new HttpClient { BaseAddress = address });

        var answer = await ka.Post(KaForms.Purchase(Ids.Next("X"), new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)));

        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status} {answer.Text}\n{frontend.Output}\n{silo.Output}");
        Assert.True(File.Exists(Path.Combine(dataDirectory, "licensing.db")), "the silo process holds the storage");
        // The console's list offers the catalog's products: the frontend needs the catalog with the silos apart too.
        using var console = OperatorConsole.ConsoleHttp.NewClient(address);
        await OperatorConsole.ConsoleHttp.LogIn(console);
        using var list = await console.GetAsync(new Uri("/console/licenses", UriKind.Relative));
        Assert.True(list.StatusCode == HttpStatusCode.OK, $"console list: {list.StatusCode}\n{frontend.Output}");
        using var probe = new HttpClient { BaseAddress = siloHttp };
        foreach (var path in new[] { OperationsPaths.Live, OperationsPaths.Startup, OperationsPaths.Ready, OperationsPaths.Metrics })
        {
            using var response = await probe.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"silo {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_standalone_silo_with_a_metrics_port_serves_metrics_there_only()
    {
        var httpPort = TestEnvironment.FreePort();
        var siloHttp = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}"));
        var metricsPort = TestEnvironment.FreePort();
        var settings = ServiceProcess.EmbeddedSettings(TestEnvironment.NewDataDirectory(), httpPort);
        settings["Licensing__Metrics__Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        await using var silo = ServiceProcess.Silo(settings);
        using var http = new HttpClient { BaseAddress = siloHttp };
        using var scraper = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{metricsPort}")) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await Answers(http, OperationsPaths.Startup, HttpStatusCode.OK))
        {
            Assert.False(silo.HasExited, silo.Output);
            Assert.True(DateTime.UtcNow < deadline, $"the silo did not start:\n{silo.Output}");
            await Task.Delay(200);
        }

        Assert.True(await Answers(scraper, OperationsPaths.Metrics, HttpStatusCode.OK), "no /metrics on the metrics port");
        Assert.True(await Answers(http, OperationsPaths.Metrics, HttpStatusCode.NotFound), "/metrics still on the HTTP port");
        Assert.True(await Answers(scraper, OperationsPaths.Ready, HttpStatusCode.NotFound), "health on the metrics port");
        Assert.True(await Answers(http, OperationsPaths.Ready, HttpStatusCode.OK), "no readiness on the HTTP port");

        static async Task<bool> Answers(HttpClient client, string path, HttpStatusCode expected)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                return response.StatusCode == expected;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task Outside_development_the_frontend_refuses_to_start_without_credentials()
    {
        await using var frontend = ServiceProcess.Frontend(
            ServiceProcess.EmbeddedSettings(TestEnvironment.NewDataDirectory(), TestEnvironment.FreePort()), "Production");

        var exitCode = await frontend.WaitForExit(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Licensing:Ka:Credentials", frontend.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_service_refuses_to_start_without_a_signing_key()
    {
        var settings = ServiceProcess.EmbeddedSettings(TestEnvironment.NewDataDirectory(), TestEnvironment.FreePort());
        settings["Licensing__Ka__Credentials__0__UserName"] = "ka";
        settings["Licensing__Ka__Credentials__0__Password"] = "ka-secret";
        settings["Licensing__Operator__Credentials__0__UserName"] = "isv";
        settings["Licensing__Operator__Credentials__0__Password"] = "isv-secret";
        foreach (var (key, value) in TestEnvironment.DevelopmentCatalog())
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        await using var frontend = ServiceProcess.Frontend(settings, "Production");

        var exitCode = await frontend.WaitForExit(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Licensing:Signing:Keys", frontend.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ka-secret", frontend.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_service_refuses_to_start_with_the_committed_dev_only_key_naming_it()
    {
        var settings = ServiceProcess.EmbeddedSettings(TestEnvironment.NewDataDirectory(), TestEnvironment.FreePort());
        settings["Licensing__Ka__Credentials__0__UserName"] = "ka";
        settings["Licensing__Ka__Credentials__0__Password"] = "ka-secret";
        settings["Licensing__Operator__Credentials__0__UserName"] = "isv";
        settings["Licensing__Operator__Credentials__0__Password"] = "isv-secret";
        settings["Licensing__Signing__Keys__0__PrivateKeyFile"] = Path.Combine(RepositoryPaths.Root, "deploy", "k8s", "overlays", "dev", "dev-only-signing-key.pem");
        foreach (var (key, value) in TestEnvironment.DevelopmentCatalog())
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        await using var frontend = ServiceProcess.Frontend(settings, "Production");

        var exitCode = await frontend.WaitForExit(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Licensing:Signing:Keys:0", frontend.Output, StringComparison.Ordinal);
        Assert.Contains("deploy/k8s/overlays/dev/dev-only-signing-key.pem", frontend.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_the_committed_dev_only_key_signs()
    {
        var port = TestEnvironment.FreePort();
        var settings = ServiceProcess.EmbeddedSettings(TestEnvironment.NewDataDirectory(), port);
        settings["Licensing__Signing__Keys__0__PrivateKeyFile"] = Path.Combine(RepositoryPaths.Root, "deploy", "k8s", "overlays", "dev", "dev-only-signing-key.pem");
        await using var frontend = ServiceProcess.Frontend(settings, "Development");
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        await frontend.WaitUntilServing(address, StartTimeout);

        var answer = await new KaClient(new HttpClient { BaseAddress = address }).Post(KaForms.Purchase(Ids.Next("D"), new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)));

        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status} {answer.Text}\n{frontend.Output}");
    }

    [Fact]
    public async Task Credentials_keys_and_activation_data_never_reach_the_logs_even_at_debug_level()
    {
        var port = TestEnvironment.FreePort();
        var settings = ServiceProcess.EmbeddedSettings(TestEnvironment.NewDataDirectory(), port);
        settings["Logging__LogLevel__Default"] = "Debug";
        settings["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace";
        settings["Logging__LogLevel__Orleans"] = "Information";
        settings["Licensing__Ka__Credentials__0__UserName"] = "ka-user";
        settings["Licensing__Ka__Credentials__0__Password"] = "Sup3rSecretKaPassword";
        settings["Licensing__Operator__Credentials__0__UserName"] = "isv";
        settings["Licensing__Operator__Credentials__0__Password"] = "Sup3rSecretIsvPassword";
        var signingKey = TestEnvironment.NewSigningKeyPem();
        settings["Licensing__Signing__Keys__0__PrivateKeyPem"] = signingKey;
        await using var frontend = ServiceProcess.Frontend(settings);
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        await frontend.WaitUntilServing(address, StartTimeout);
        var ka = new KaClient(new HttpClient { BaseAddress = address }, "ka-user", "Sup3rSecretKaPassword");
        var wrong = new KaClient(new HttpClient { BaseAddress = address }, "ka-user", "Sup3rSecretWrongPassword");
        var id = Ids.Next("L");

        Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Purchase(id, new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)) + "&ACTIVATION_DATA=Sup3rSecretActivation.example.com")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.Post(KaForms.GetInfo(id))).Status);
        Assert.Equal(HttpStatusCode.OK, (await ka.ReportUsage(id, """{"usedAccounts":1}""", "isv", "Sup3rSecretIsvPassword")).Status);
        await frontend.Terminate(TimeSpan.FromSeconds(60));

        var output = frontend.Output;
        Assert.Contains("Request finished", output, StringComparison.Ordinal); // debug logging really was on
        var keyMaterial = signingKey.Split('\n')[1]; // the first line of base64 inside the PEM
        foreach (var secret in new[] { "Sup3rSecret", Convert.ToBase64String("ka-user:Sup3rSecretKaPassword"u8), Convert.ToBase64String("isv:Sup3rSecretIsvPassword"u8), keyMaterial })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Migrate_refuses_an_unparsable_connection_string_without_printing_the_password()
    {
        // An unquoted ';' in the password: the tail is what Npgsql would have quoted back as a keyword.
        const string tail = "tail-of-the-password";
        await using var migrate = ServiceProcess.Migrate(new Dictionary<string, string>
        {
            ["Licensing__Storage__Provider"] = "PostgreSql",
            ["Licensing__Storage__ConnectionString"] = $"Host=127.0.0.1;Username=licensing;Password=first-part;{tail};Database=licensing",
        });

        Assert.Equal(2, await migrate.WaitForExit(StartTimeout));
        Assert.Contains("migrate failed: Licensing:Storage:ConnectionString", migrate.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(tail, migrate.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("first-part", migrate.Output, StringComparison.Ordinal);
    }
}
