using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>
/// Debian's Chromium, headless, driven through its chromedriver (both installed by .ci/run), logged in to a
/// running frontend's console. Screenshots go to the test output directory; the README's two (the overview and a
/// license) also to docs/screenshots when LICENSING_UPDATE_SCREENSHOTS=1, which is how they are refreshed.
/// </summary>
internal sealed class ConsoleBrowser : IDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    private readonly Uri _baseAddress;

    public ConsoleBrowser(Uri baseAddress, int width = 1280, int height = 1000)
    {
        Assert.True(
            File.Exists(Chromium) && File.Exists(ChromeDriver),
            $"{Chromium} or {ChromeDriver} is missing: the console's browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver).");
        _baseAddress = baseAddress;
        Directory.CreateDirectory(Downloads);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={width},{height}", "--lang=en-US");
        options.AddUserProfilePreference("download.default_directory", Downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    public string Downloads { get; } = Path.Combine(TestEnvironment.NewDataDirectory(), "downloads");

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public void Open(string path) => Driver.Navigate().GoToUrl(new Uri(_baseAddress, path));

    public string CurrentPath => new Uri(Driver.Url).AbsolutePath;

    /// <summary>Fills in the login form: the one on screen, or the one that asking for the overview leads to.</summary>
    public void LogIn(string user = "operator", string password = "operator-dev")
    {
        if (CurrentPath != "/console/login")
        {
            Open("/console");
        }

        Driver.FindElement(By.Id("user")).SendKeys(user);
        Driver.FindElement(By.Id("password")).SendKeys(password);
        Driver.FindElement(By.CssSelector("form button[type=submit]")).Click();
    }

    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        if (name is "overview" or "license" && Environment.GetEnvironmentVariable("LICENSING_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }

        return path;
    }

    /// <summary>Whether the page is wider than the window, i.e. scrolls sideways as a whole (tables may scroll inside their box).</summary>
    public bool OverflowsSideways() =>
        (bool)Driver.ExecuteScript("return document.documentElement.scrollWidth > window.innerWidth + 1;")!;

    /// <summary>The ids (or names) of the page's form fields that no label names.</summary>
    public IReadOnlyList<string> UnlabelledFields() =>
        [.. ((IEnumerable<object>)Driver.ExecuteScript(
            "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(f => f.labels.length === 0 && !f.getAttribute('aria-label')).map(f => f.id || f.name);")!)
            .Select(o => (string)o)];

    /// <summary>Where the keyboard's first Tab from the top of the page lands, and where Enter on it leads.</summary>
    public (string FirstTab, string AfterEnter) SkipLink()
    {
        Driver.FindElement(By.TagName("body")).SendKeys(Keys.Tab);
        var first = Driver.SwitchTo().ActiveElement().Text;
        Driver.SwitchTo().ActiveElement().SendKeys(Keys.Enter);
        return (first, new Uri(Driver.Url).Fragment);
    }

    public void Resize(int width, int height) => Driver.Manage().Window.Size = new System.Drawing.Size(width, height);

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
