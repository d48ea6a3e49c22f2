package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.preptrack.ui.cli.UpCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person uses it, in Debian's headless Chromium against the real app (broker,
 * registry, HTTP on a free port): it opens the URL {@code preptrack up} prints, logs a session
 * through the form and sees the heat map change, opens a theme's evidence, and edits a story into
 * a version conflict without losing the text. Screenshots at laptop and phone widths go to
 * {@code target/screenshots}. Where no Chromium is installed it skips, except in CI, which
 * installs it ({@code .ci/run}).
 */
@Tag("integration")
@Timeout(300)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CANDIDATE = "me";

    @RegisterExtension
    static final RunningPreptrack RUNNING = new RunningPreptrack();
    static ChromeDriver browser;
    static WebDriverWait wait;
    static Api api;

    @BeforeAll
    static void openBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertThat(installed).as("CI installs chromium and chromium-driver (.ci/run)").isTrue();
        }
        assumeTrue(installed, "no chromium and chromedriver under /usr/bin");
        Files.createDirectories(SCREENSHOTS);
        api = RUNNING.api();
        seed();
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--hide-scrollbars", "--window-size=1366,900");
        // The driver from the same Debian release as the browser; Selenium Manager would try to download one.
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** Each test starts from a page of its own: a link that differs only in its fragment would not reload it. */
    @org.junit.jupiter.api.BeforeEach
    void freshPage() {
        browser.get("about:blank");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A story, a run of its situation, and two criticisms of it, written as a script would. */
    private static void seed() {
        assertThat(api.post(path(CANDIDATE, "/stories"), "{\"storyId\": \"oncall\", \"title\": \"Cutting on-call pages\", "
                + "\"rubric\": \"star\", \"sections\": {\"situation\": \"Checkout paged on-call 40 times a week\", "
                + "\"action\": \"I changed the dedup config\"}}").status()).isEqualTo(201);
        assertThat(api.post(path(CANDIDATE, "/attempts"), "{\"attemptId\": \"a-1\", \"storyId\": \"oncall\", \"rubric\": \"star\", "
                + "\"mode\": \"coach-mock\", \"sections\": [{\"section\": \"situation\", \"seconds\": 70, \"selfScore\": 3}]}")
                .status()).isEqualTo(201);
        for (String text : List.of("numbers? what was the baseline before the change",
                "85% of what? say what you measured")) {
            var written = api.post(path(CANDIDATE, "/feedback"), "{\"attemptId\": \"a-1\", \"storyId\": \"oncall\", "
                    + "\"rubric\": \"star\", \"section\": \"result\", \"text\": \"" + text + "\", \"score\": 2, "
                    + "\"source\": {\"name\": \"coach anna\", \"role\": \"coach\"}}");
            assertThat(written.status()).as("%s", written).isEqualTo(201);
        }
    }

    @Test
    void a_person_logs_a_session_reads_the_evidence_and_resolves_an_edit_conflict() throws IOException {
        browser.get(UpCommand.dashboardUrl(RUNNING.preptrack()));

        // The token is taken from the fragment and leaves the address bar.
        WebElement action = cell("star", "action");
        assertThat(browser.getCurrentUrl()).doesNotContain("token");
        assertThat(action.findElement(By.className("score")).getText()).isEqualTo("–");
        assertThat(cell("star", "situation").findElement(By.className("score")).getText()).matches("\\d+");
        screenshot("laptop-start");

        // A cell opens its components and reasons.
        click(cell("star", "situation"));
        WebElement detail = browser.findElement(By.id("section-detail"));
        wait.until(ExpectedConditions.visibilityOf(detail));
        assertThat(detail.getText()).contains("performance").contains("timing").contains("1 run");

        // Log a session through the form: the story picks its rubric, a section is timed by the timer.
        new Select(browser.findElement(By.id("log-story"))).selectByValue("oncall");
        WebElement actionRow = browser.findElement(By.cssSelector(".log-section[data-section='action']"));
        click(actionRow.findElement(By.className("timer")));
        wait.until(driver -> !actionRow.findElement(By.cssSelector("input.seconds")).getDomProperty("value").isEmpty()
                && Integer.parseInt(actionRow.findElement(By.cssSelector("input.seconds")).getDomProperty("value")) >= 1);
        click(actionRow.findElement(By.className("timer")));
        WebElement seconds = actionRow.findElement(By.cssSelector("input.seconds"));
        seconds.clear();
        seconds.sendKeys("95");
        new Select(actionRow.findElement(By.cssSelector("select.self"))).selectByValue("4");
        assertThat(actionRow.getText()).contains("5 s over");
        click(browser.findElement(By.cssSelector("#log-form button[type=submit]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log-message"), "Logged 1 section"));

        // The heat map changes without a reload.
        wait.until(driver -> cell("star", "action").findElement(By.className("score")).getText().matches("\\d+"));
        assertThat(cell("star", "action").getText()).contains("1 run");

        // A theme's evidence: what was said, by whom.
        WebElement theme = browser.findElement(By.cssSelector(".theme[data-theme='impact-metrics']"));
        assertThat(theme.getText()).contains("×2");
        click(theme.findElement(By.className("evidence-toggle")));
        WebElement evidence = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".theme[data-theme='impact-metrics'] .evidence")));
        assertThat(evidence.getText()).contains("numbers? what was the baseline before the change")
                .contains("coach anna (coach)").contains("open");

        // Correct one item's themes: it leaves impact-metrics for stakeholders, and says who set them.
        WebElement item = evidence.findElement(By.cssSelector("li[data-feedback]"));
        String feedbackId = item.getDomAttribute("data-feedback");
        click(item.findElement(By.cssSelector("button[data-correct]")));
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("form.correction[data-feedback='" + feedbackId + "']")));
        click(form.findElement(By.cssSelector("input[value='impact-metrics']")));
        click(form.findElement(By.cssSelector("input[value='stakeholders']")));
        form.findElement(By.name("note")).sendKeys("it was about who signed off");
        screenshot("laptop-correct-themes");
        click(form.findElement(By.cssSelector("button[type=submit]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".theme[data-theme='impact-metrics']"), "×1"));
        assertThat(browser.findElement(By.cssSelector(".theme[data-theme='stakeholders']")).getText()).contains("×1");
        var items = api.get(path(CANDIDATE, "/feedback")).json().path("items");
        var corrected = java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .filter(node -> node.path("feedbackId").asText().equals(feedbackId)).findFirst().orElseThrow();
        assertThat(corrected.path("themes").toString()).isEqualTo("[\"stakeholders\"]");
        assertThat(corrected.path("correction").path("note").asText()).isEqualTo("it was about who signed off");

        // An edit made elsewhere meanwhile puts the page's edit into a version conflict.
        click(browser.findElement(By.cssSelector(".story[data-story='oncall']")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-form")));
        // A story with no prompt and no notes shows neither (replaceChildren once wrote them as "nullnull").
        assertThat(browser.findElement(By.id("story-detail")).getText()).doesNotContain("null");
        new Select(browser.findElement(By.id("edit-section"))).selectByValue("result");
        WebElement text = browser.findElement(By.id("edit-text"));
        text.sendKeys("Pages fell from 40 to 6 a week, measured over a month");
        var elsewhere = api.put(path(CANDIDATE, "/stories/oncall"), "{\"sections\": {\"task\": \"Own the pager noise\"}}",
                "If-Match", "\"1\"");
        assertThat(elsewhere.status()).as("%s", elsewhere).isEqualTo(200);
        click(browser.findElement(By.cssSelector("#edit-form button[type=submit]")));
        WebElement conflict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-conflict")));
        assertThat(conflict.getText()).contains("you started from v1, it is now v2").contains("Nothing was saved");
        assertThat(browser.findElement(By.id("edit-text")).getDomProperty("value"))
                .isEqualTo("Pages fell from 40 to 6 a week, measured over a month");
        screenshot("laptop-conflict");

        // Nothing lost: edit on top of the latest version with the same text.
        click(conflict.findElement(By.tagName("button")));
        click(browser.findElement(By.cssSelector("#edit-form button[type=submit]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("story-detail"), "Cutting on-call pages — v3"));
        var story = api.get(path(CANDIDATE, "/stories/oncall")).json();
        assertThat(story.path("version").asInt()).isEqualTo(3);
        assertThat(story.path("sections").path("result").asText()).isEqualTo("Pages fell from 40 to 6 a week, measured over a month");
        assertThat(story.path("sections").path("task").asText()).isEqualTo("Own the pager noise");

        // The diff between two versions shows what the last edit wrote.
        assertThat(browser.findElement(By.cssSelector(".diff [data-section='result'] ins")).getText())
                .contains("Pages fell from 40 to 6 a week");
        fullPageScreenshot("laptop-full", 1366);
        fullPageScreenshot("phone-full", 390);
    }

    @Test
    void a_person_names_an_emerging_cluster_and_it_is_ranked_as_their_own_theme() throws IOException {
        for (String[] item : new String[][] {{"ravi", "your mic kept cutting out"},
                {"anna", "the mic was cutting out again, get a headset"}}) {
            var written = api.post(path("audio", "/feedback"), "{\"text\": \"" + item[1] + "\", "
                    + "\"source\": {\"name\": \"" + item[0] + "\", \"role\": \"peer\"}}");
            assertThat(written.status()).as("%s", written).isEqualTo(201);
        }
        browser.get(UpCommand.dashboardUrl(RUNNING.preptrack()) + "&candidate=audio");

        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#emerging form.name-theme")));
        assertThat(browser.findElement(By.id("emerging")).getText()).contains("×2").contains("your mic kept cutting out");
        WebElement title = form.findElement(By.name("title"));
        assertThat(title.getDomProperty("value")).as("the cluster's first word offered as a name").isNotEmpty();
        title.clear();
        title.sendKeys("Audio setup");
        screenshot("laptop-name-emerging");
        click(form.findElement(By.cssSelector("button[type=submit]")));

        WebElement theme = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".theme[data-theme='audio-setup']")));
        assertThat(theme.getText()).contains("Audio setup").contains("×2");
        wait.until(driver -> driver.findElements(By.cssSelector("#emerging form.name-theme")).isEmpty());
        var themes = api.get(path("audio", "/themes")).json().path("themes");
        assertThat(themes.get(0).path("theme").asText()).isEqualTo("audio-setup");
        fullPageScreenshot("phone-named-theme", 390);
    }

    @Test
    void a_person_previews_and_imports_their_notes_and_finds_the_story_with_its_feedback() throws IOException {
        browser.get(UpCommand.dashboardUrl(RUNNING.preptrack()) + "&candidate=importer");
        WebElement notes = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-text")));
        notes.sendKeys(Files.readString(Path.of("src", "test", "resources", "notes-examples", "star-oncall-pages.md")));

        click(browser.findElement(By.id("import-preview")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-report"), "preview, nothing written"));
        assertThat(browser.findElement(By.id("import-report")).getText()).contains("new").contains("Feedback: 6 new")
                .contains("raj, anna, li wei").contains("1 private note(s)");
        assertThat(api.get(path("importer", "/events")).body()).isEmpty();

        click(browser.findElement(By.cssSelector("#import-form button[type=submit]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-report"), "Feedback: 6 created"));
        screenshot("laptop-import");

        // The story is there with its prompt and private note, and its criticism is ranked with the rest.
        WebElement story = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".story[data-story]")));
        click(story);
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#story-detail .prompt")));
        assertThat(detail.getText()).contains("Tell me about a time you improved something nobody asked you to improve");
        assertThat(browser.findElement(By.id("story-detail")).getText()).contains("Your private notes (1)");
        assertThat(browser.findElements(By.cssSelector(".theme[data-theme]"))).isNotEmpty();
    }

    @Test
    void a_person_previews_changed_rules_sees_what_they_change_switches_and_rolls_back() throws IOException {
        browser.get(UpCommand.dashboardUrl(RUNNING.preptrack()));
        cell("star", "situation");
        WebElement editor = browser.findElement(By.cssSelector("#rules-body .rules-editor summary"));
        click(editor);
        // A shorter situation budget: the 70 s run is now further over it.
        browser.executeScript("const t = document.getElementById('rules-text');"
                + "t.value = t.value.replace('\"budgetSeconds\": 45', '\"budgetSeconds\": 20');"
                + "t.dispatchEvent(new Event('input'));");
        click(browser.findElement(By.xpath("//button[text()='Preview as a dry run']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-message"), "a dry run"));

        WebElement diff = new WebDriverWait(browser, Duration.ofSeconds(60)).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rules-body .rules-diff table")));
        assertThat(diff.getText()).containsPattern("Situation \\d+ \\d+ -\\d+");
        String version = browser.findElement(By.cssSelector("#rules-body .rules-diff h3")).getText()
                .replaceAll(".*What version (\\d+) changes.*", "$1");
        assertThat(browser.findElement(By.id("rules-version")).getText()).isEqualTo("rules v1");
        fullPageScreenshot("laptop-rules-dry-run", 1366);
        fullPageScreenshot("phone-rules-dry-run", 390);

        click(browser.findElement(By.xpath("//button[text()='switch to v" + version + "']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-version"), "rules v" + version));
        assertThat(api.get(path(CANDIDATE, "/readiness")).json().path("rulesVersion").asInt())
                .isEqualTo(Integer.parseInt(version));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='roll back to v1']"))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-version"), "rules v1"));
        assertThat(api.get(path(CANDIDATE, "/readiness")).json().path("rulesVersion").asInt()).isEqualTo(1);
    }

    @Test
    void without_a_token_the_page_asks_for_one_and_a_wrong_one_is_refused() {
        browser.get("http://127.0.0.1:" + RUNNING.preptrack().port() + "/");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();

        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        input.sendKeys("not-the-token");
        click(browser.findElement(By.cssSelector("#token-form button")));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("token-error"), "not valid"));
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    }

    @Test
    void the_api_docs_list_every_route_and_try_one_with_the_dashboards_token() throws IOException {
        browser.get(UpCommand.dashboardUrl(RUNNING.preptrack()));
        cell("star", "situation");
        click(browser.findElement(By.cssSelector("a[href='/api-docs/']")));

        // Swagger UI from its webjar, under the same Content-Security-Policy as the dashboard.
        WebElement route = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[id='operations-default-get_api_v1_candidates__candidateId__readiness']")));
        assertThat(browser.findElements(By.cssSelector(".opblock")).size()).isGreaterThanOrEqualTo(20);
        screenshot("laptop-api-docs");
        // Authorized with the token the dashboard kept for this tab, so "Try it out" answers 200.
        click(route.findElement(By.cssSelector(".opblock-summary-control")));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".try-out__btn"))));
        WebElement candidate = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr[data-param-name='candidateId'] input")));
        candidate.sendKeys(CANDIDATE);
        click(browser.findElement(By.cssSelector(".execute")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".live-responses-table tr.response .response-col_status"), "200"));
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("phone-api-docs");
        browser.manage().window().setSize(new Dimension(1366, 900));
    }

    /** Clicks as a person does: scrolled to the middle first, so the sticky header never covers it. */
    private static void click(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private static WebElement cell(String rubric, String section) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".cell[data-rubric='" + rubric + "'][data-section='" + section + "']")));
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The whole page at a width: the window is made as tall as the page, then captured. */
    private static void fullPageScreenshot(String name, int width) throws IOException {
        browser.manage().window().setSize(new Dimension(width, 900));
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 100, 8000)));
        screenshot(name);
        browser.manage().window().setSize(new Dimension(1366, 900));
    }
}
