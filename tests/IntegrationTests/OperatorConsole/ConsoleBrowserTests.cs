using System.Globalization;
using OpenQA.Selenium;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>
/// The console in a real browser over the real frontend: log in, the overview, a search, a license, a usage report,
/// the billing CSV and the keys, with a screenshot of each screen (in the test output's screenshots directory).
/// </summary>
public sealed class ConsoleBrowserTests(ConsoleFrontend frontend) : IClassFixture<ConsoleFrontend>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task An_operator_logs_in_searches_opens_a_license_reports_usage_and_downloads_the_billing_csv()
    {
        var prefix = Ids.Next("C");
        var ids = await Seed(prefix);
        ConsoleFrontend.ExpireOverview();
        using var browser = new ConsoleBrowser(frontend.BaseAddress);
        var driver = browser.Driver;

        browser.Open("/console/licenses");
        Assert.Equal("/console/login", browser.CurrentPath);
        browser.Screenshot("login");
        browser.LogIn();
        // The login returns to the page first asked for.
        Assert.Equal("/console/licenses", browser.CurrentPath);

        browser.Open("/console");
        Assert.Equal("Overview", driver.FindElement(By.TagName("h1")).Text);
        Assert.Contains("Expiring in the next 30 days", driver.PageSource, StringComparison.Ordinal);
        Assert.NotEmpty(driver.FindElements(By.CssSelector(".chart svg rect.bar")));
        Assert.Contains(driver.FindElements(By.CssSelector("#overdue ~ table th a, section[aria-labelledby=overdue] a")), a => a.Text == ids.Expired);
        browser.Screenshot("overview");

        browser.Open("/console/licenses");
        driver.FindElement(By.Id("q")).SendKeys(prefix);
        driver.FindElement(By.CssSelector("#sort option[value=expiry]")).Click();
        driver.FindElement(By.CssSelector("form.filters button")).Click();
        var listed = driver.FindElements(By.CssSelector("tbody th a")).Select(a => a.Text).ToList();
        Assert.Equal(ids.All.Count, listed.Count);
        Assert.Equal(ids.Expired, listed[0]); // by expiry, the earliest first
        browser.Screenshot("licenses");

        driver.FindElement(By.LinkText(ids.WithUsage)).Click();
        Assert.StartsWith($"License {ids.WithUsage}", driver.FindElement(By.TagName("h1")).Text, StringComparison.Ordinal);
        Assert.Equal("Pro", driver.FindElement(By.XPath("//dt[.='Edition']/following-sibling::dd[1]")).Text);
        Assert.Contains("KA UPGRADE", driver.FindElement(By.XPath("//dt[.='Last KA call']/following-sibling::dd[1]")).Text, StringComparison.Ordinal);
        Assert.Equal(2, driver.FindElements(By.CssSelector("section[aria-labelledby^=revision-]")).Count);

        driver.FindElement(By.Id("counter-usedAccounts")).SendKeys("many");
        driver.FindElement(By.CssSelector("form[aria-describedby=usage-help] button")).Click();
        Assert.Equal("counter 'usedAccounts' is not an integer", driver.FindElement(By.Id("usage-error")).Text);

        var field = driver.FindElement(By.Id("counter-usedAccounts"));
        field.Clear();
        field.SendKeys("42");
        driver.FindElement(By.CssSelector("form[aria-describedby=usage-help] button")).Click();
        Assert.Equal("Usage reported: usedAccounts = 42.", driver.FindElement(By.CssSelector("p.notice")).Text);
        Assert.Equal("42", driver.FindElement(By.XPath("//th[label[.='usedAccounts']]/following-sibling::td[1]")).Text);
        browser.Screenshot("license");

        var from = Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        browser.Open($"/console/billing?from={from}&to={to}");
        Assert.Contains(driver.FindElements(By.CssSelector("tbody th a")), a => a.Text == ids.WithUsage);
        Assert.DoesNotContain(driver.FindElements(By.CssSelector("tbody th a")), a => a.Text == ids.Test); // never billed
        browser.Screenshot("billing");
        driver.FindElement(By.LinkText("Download CSV (every line)")).Click();
        var csv = await Downloaded(browser, $"billing-{from}-{to}.csv");
        Assert.StartsWith("purchase_id,product_id,active_days,first_day,last_day", csv, StringComparison.Ordinal);
        Assert.Contains($"{ids.WithUsage},someproduct1-pro,", csv, StringComparison.Ordinal);

        browser.Open("/console/keys");
        Assert.Single(driver.FindElements(By.CssSelector(".badge.signing")));
        browser.Screenshot("keys");

        // Every field has a label, and the keyboard's first stop skips the navigation.
        foreach (var path in new[] { "/console", "/console/licenses", $"/console/licenses/{ids.WithUsage}", "/console/billing", "/console/keys" })
        {
            browser.Open(path);
            Assert.Empty(browser.UnlabelledFields());
            Assert.Equal(("Skip to content", "#main"), browser.SkipLink());
        }

        // A phone's width: the page itself never scrolls sideways.
        browser.Resize(390, 844);
        foreach (var path in new[] { "/console", "/console/licenses", $"/console/licenses/{ids.WithUsage}", "/console/billing", "/console/keys" })
        {
            browser.Open(path);
            Assert.False(browser.OverflowsSideways(), $"{path} is wider than a phone's screen");
        }

        browser.Open("/console");
        browser.Screenshot("overview-phone");
    }

    [Fact]
    public async Task Reg_name_and_activation_data_are_shown_as_the_text_they_are()
    {
        const string RegName = "<script>window.injected = 1</script><b>bold</b> & co";
        const string Activation = "<img src=x onerror=\"window.injected = 2\">";
        var id = Ids.Next("X");
        var form = KaForms.Purchase(id, Today, Today.AddDays(30)).Replace("REG_NAME=54321", $"REG_NAME={Uri.EscapeDataString(RegName)}", StringComparison.Ordinal)
            + $"&ACTIVATION_DATA={Uri.EscapeDataString(Activation)}";
        Assert.Equal(System.Net.HttpStatusCode.OK, (await frontend.NewClient().Post(form)).Status);
        using var browser = new ConsoleBrowser(frontend.BaseAddress);
        browser.LogIn();

        browser.Open($"/console/licenses/{id}");

        var driver = browser.Driver;
        Assert.Equal(RegName, driver.FindElement(By.Id("reg-name")).Text);
        Assert.Equal(Activation, driver.FindElement(By.Id("activation-data")).Text);
        Assert.Empty(driver.FindElements(By.CssSelector("#reg-name b, #activation-data img, main script")));
        Assert.True((bool)driver.ExecuteScript("return window.injected === undefined;")!);
    }

    private async Task<SeededIds> Seed(string prefix)
    {
        var ka = frontend.NewClient();
        var ids = new SeededIds(prefix + "0", prefix + "1", prefix + "2", prefix + "3", prefix + "4");
        await Ok(ka, KaForms.Purchase(ids.ExpiringSoon, Today.AddDays(-20), Today.AddDays(12)));
        var bought = await Ok(ka, KaForms.Purchase(ids.WithUsage, Today.AddDays(-40), Today.AddDays(200)).Replace("REG_NAME=54321", "REG_NAME=Example%20Hosting%20GmbH", StringComparison.Ordinal));
        await Ok(ka, KaForms.Upgrade(ids.WithUsage, KaForms.Pro, Today.AddDays(-40), Today.AddDays(200), bought.Base64));
        await Ok(ka, KaForms.Purchase(ids.Test, Today, Today.AddDays(60), testMode: "Y"));
        await Ok(ka, KaForms.Purchase(ids.Expired, Today.AddDays(-100), Today.AddDays(-30)));
        await Ok(ka, KaForms.Purchase(ids.Terminated, Today.AddDays(-60), Today.AddDays(300)));
        await Ok(ka, KaForms.Terminate(ids.Terminated, Today.AddDays(-1)));
        return ids;
    }

    private static async Task<KaAnswer> Ok(KaClient ka, string form)
    {
        var answer = await ka.Post(form);
        Assert.True(answer.Status == System.Net.HttpStatusCode.OK, $"{form}: {answer.Status} {answer.Text}");
        return answer;
    }

    private static async Task<string> Downloaded(ConsoleBrowser browser, string name)
    {
        var path = Path.Combine(browser.Downloads, name);
        for (var i = 0; i < 100 && !File.Exists(path); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(path), $"{name} was not downloaded into {browser.Downloads}");
        return await File.ReadAllTextAsync(path);
    }

    private sealed record SeededIds(string ExpiringSoon, string WithUsage, string Test, string Expired, string Terminated)
    {
        public IReadOnlyList<string> All => [ExpiringSoon, WithUsage, Test, Expired, Terminated];
    }
}
