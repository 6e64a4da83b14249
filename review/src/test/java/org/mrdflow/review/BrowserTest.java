package org.mrdflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.mrdflow.review.store.Role;
import org.mrdflow.review.warehouse.Analysis;

/**
 * The review workflow in a real headless Chromium (Debian's chromium and chromium-driver):
 * sign in, open the run, open a sample, override the call with a reason, sign off, read the audit
 * trail; open the patients, a patient's timeline, sign a marrow of it and fetch its signed PDF. Screenshots go to target/screenshots (the README shows copies from review/docs).
 * Skipped without Chromium, unless MRDFLOW_REQUIRE_SERVICES=1.
 */
class BrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String PASSWORD = "correct horse battery";
  @TempDir static Path tmp;
  static ReviewServer server;
  /** A second server, on the warehouse with patients (PatientWarehouse), reached as localhost: its own cookies. */
  static ReviewServer patientServer;
  static ChromeDriver browser;
  static ReviewApplication app;
  static Path screenshots = Path.of("target", "screenshots");

  @BeforeAll
  static void startTheServerAndChromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      if ("1".equals(System.getenv("MRDFLOW_REQUIRE_SERVICES"))) {
        fail("MRDFLOW_REQUIRE_SERVICES=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)");
      }
      assumeTrue(false, "no Chromium: browser tests skipped");
    }
    Path warehouse = TestWarehouse.copy(tmp.resolve("warehouse"));
    app = ReviewApplication.open(warehouse, null, TestWarehouse.fcsFolder());
    app.store().addUser("rita", Role.REVIEWER, PASSWORD.toCharArray());
    server = app.serve(0);
    ReviewApplication patients = ReviewApplication.open(PatientWarehouse.copy(tmp.resolve("patients")), null);
    patients.store().addUser("rita", Role.REVIEWER, PASSWORD.toCharArray());
    patientServer = patients.serve(0);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1100",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    Files.createDirectories(screenshots);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (patientServer != null) {
      patientServer.close();
    }
  }

  private static void waitFor(ExpectedCondition<?> condition) {
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
  }

  private static void scrollTo(String id) {
    browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id(id)));
  }

  private static void screenshot(String name) throws Exception {
    Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  /** Signs in as rita unless this browser's session already is. */
  private static void signedIn(String base) {
    browser.get(base + "/runs");
    if (browser.getCurrentUrl().endsWith("/login")) {
      browser.findElement(By.id("name")).sendKeys("rita");
      browser.findElement(By.id("password")).sendKeys(PASSWORD);
      browser.findElement(By.id("sign-in")).click();
      waitFor(ExpectedConditions.urlToBe(base + "/runs"));
    }
  }

  @Test
  void aReviewerMovesAGateInItsFormAndSeesTheReCountInTheAuditTrail() throws Exception {
    String base = "http://127.0.0.1:" + server.port();
    signedIn(base);
    // not the hostile sample, which the other test signs off
    Analysis a = app.service().warehouse().analyses(TestWarehouse.RUN_ID).stream()
        .filter(x -> x.analysed() && !x.name().equals(TestWarehouse.HOSTILE_NAME)).findFirst().orElseThrow();
    browser.get(base + Pages.sampleUrl(a));
    WebElement form = browser.findElement(By.cssSelector("form.adjust"));
    String gate = form.findElement(By.name("gate")).getAttribute("value");
    WebElement geometry = form.findElement(By.name("geometry"));
    ObjectNode moved = (ObjectNode) new ObjectMapper().readTree(geometry.getText());
    assertThat(moved.has("rectangle")).as(moved.toString()).isTrue();
    ArrayNode min = (ArrayNode) moved.get("rectangle").get("min");
    min.set(0, min.get(0).asDouble() * 1.5);
    geometry.clear();
    geometry.sendKeys(moved.toString());
    form.findElement(By.name("reason")).sendKeys("Debris cut too low: small events are not cells.");
    scrollTo("adjust");
    screenshot("08-adjust-gate");
    form.findElement(By.tagName("button")).click();
    waitFor(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
    WebElement adjustRow = browser.findElement(By.id("audit")).findElements(By.tagName("tr")).get(1);
    assertThat(adjustRow.getText()).contains("rita", "adjust", gate, "Debris cut too low", "blast_events");
    assertThat(browser.findElement(By.className("state")).getText()).contains("overridden");
    scrollTo("audit");
    screenshot("09-adjusted-audit-trail");
    browser.manage().deleteAllCookies(); // the other test starts signed out
  }

  @Test
  void aReviewerSignsInOpensTheRunAndASampleOverridesTheCallWithAReasonSignsAndSeesTheAuditTrail() throws Exception {
    String base = "http://127.0.0.1:" + server.port();
    browser.get(base + "/runs");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    browser.findElement(By.id("name")).sendKeys("rita");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    screenshot("01-sign-in");
    browser.findElement(By.id("sign-in")).click();
    waitFor(ExpectedConditions.urlToBe(base + "/runs"));
    WebElement runs = browser.findElement(By.id("runs"));
    assertThat(runs.getText()).contains(TestWarehouse.RUN_ID);
    screenshot("02-runs");
    runs.findElement(By.linkText(TestWarehouse.RUN_ID)).click();

    WebElement samples = browser.findElement(By.id("samples"));
    assertThat(samples.getText()).contains(TestWarehouse.HOSTILE_NAME, "notes.fcs", "NOT_FCS");
    screenshot("03-samples");
    samples.findElement(By.linkText(TestWarehouse.HOSTILE_NAME)).click();

    // the hostile name is shown as text: no element was injected, no script ran
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(TestWarehouse.HOSTILE_NAME);
    assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
    assertThat(browser.findElement(By.id("keywords")).getText()).contains(TestWarehouse.HOSTILE_PNS);
    List<WebElement> plots = browser.findElements(By.cssSelector("figure img"));
    assertThat(plots).isNotEmpty();
    for (WebElement img : plots) {
      assertThat(((Number) browser.executeScript("return arguments[0].naturalWidth", img)).intValue())
          .as("plot %s loaded", img.getAttribute("alt")).isGreaterThan(100);
    }
    String call = browser.findElement(By.cssSelector("#call tr:nth-child(2) td")).getText();
    String other = call.equals("NEGATIVE") ? "POSITIVE" : "NEGATIVE";
    screenshot("04-sample");

    new Select(browser.findElement(By.id("override-field"))).selectByValue("mrd_status");
    browser.findElement(By.id("override-value")).sendKeys(other);
    browser.findElement(By.id("override-reason")).sendKeys("Cluster sits on the hematogone maturation path (CD10/CD20).");
    browser.findElement(By.id("override-submit")).click();
    waitFor(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
    assertThat(browser.findElement(By.cssSelector("#call tr:nth-child(2) td:nth-child(3)")).getText()).isEqualTo(other);

    browser.findElement(By.id("sign-submit")).click();
    waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("state"), "signed by"));
    WebElement audit = browser.findElement(By.id("audit"));
    List<WebElement> rows = audit.findElements(By.tagName("tr"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).getText()).contains("rita", "override", "mrd_status", call, other, "hematogone maturation path");
    assertThat(rows.get(2).getText()).contains("rita", "sign");
    assertThat(browser.findElement(By.className("state")).getText()).isEqualTo("signed by rita");
    assertThat(browser.findElements(By.id("sign-submit"))).as("a reviewer cannot give the second sign-off").isEmpty();
    scrollTo("review");
    screenshot("05-signed-audit-trail");
    scrollTo("plots");
    screenshot("06-plots");

    browser.get(base + "/samples?run_id=" + TestWarehouse.RUN_ID + "&review=signed");
    assertThat(browser.findElement(By.id("samples")).findElements(By.tagName("tr"))).hasSize(2);
    screenshot("07-filtered-signed");
  }

  @Test
  void aReviewerOpensThePatientsAndATimelineThenSignsAMarrowAndFetchesItsSignedPdf() throws Exception {
    String base = "http://localhost:" + patientServer.port();
    browser.get(base + "/patients");
    waitFor(ExpectedConditions.urlToBe(base + "/login"));
    browser.findElement(By.id("name")).sendKeys("rita");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("sign-in")).click();
    waitFor(ExpectedConditions.urlToBe(base + "/runs"));
    browser.findElement(By.linkText("Patients")).click();

    WebElement patients = browser.findElement(By.id("patients"));
    assertThat(patients.findElements(By.tagName("tr"))).hasSize(3); // the header and two patients
    assertThat(patients.getText()).contains(PatientWarehouse.ROE.substring(0, 12), PatientWarehouse.DOE.substring(0, 12),
        "MRD conversion", "MRD before HSCT", "2026-02-01").doesNotContain("MRN0048213");
    screenshot("08-patients");
    patients.findElement(By.linkText(PatientWarehouse.ROE.substring(0, 12))).click();

    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/patients/" + PatientWarehouse.ROE);
    WebElement figure = browser.findElement(By.cssSelector("#timeline-figure img"));
    waitFor(d -> ((Number) browser.executeScript("return arguments[0].naturalWidth", figure)).intValue() == 1000);
    assertThat(browser.findElement(By.id("flags")).getText()).contains(
        "MRD conversion: NEGATIVE on 2026-03-01, POSITIVE (0.3 %) on 2026-05-02.",
        "MRD before HSCT: POSITIVE (0.3 %) on 2026-05-02, 13 days before the transplant.");
    assertThat(browser.findElement(By.id("events")).getText()).contains("CAR-T 2026-02-01 0", "HSCT 2026-05-15 103");
    WebElement samples = browser.findElement(By.id("timeline-samples"));
    assertThat(samples.findElements(By.tagName("tr"))).hasSize(3);
    browser.manage().window().setSize(new Dimension(1400, 1900)); // the figure, the flags and the samples
    screenshot("09-patient-timeline");
    browser.manage().window().setSize(new Dimension(1400, 1100));

    samples.findElement(By.linkText("ROE_d90.fcs")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ROE_d90.fcs");
    browser.findElement(By.id("sign-submit")).click();
    waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("state"), "signed by rita"));
    String pdfUrl = browser.findElement(By.id("report-pdf")).getAttribute("href");
    assertThat(pdfUrl).startsWith(base + "/samples/").contains("/report.pdf?run_id=p2");

    // the PDF as the browser fetches it: with its session cookie
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdfUrl))
        .header("Cookie", Sessions.COOKIE + "=" + browser.manage().getCookieNamed(Sessions.COOKIE).getValue()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    try (PDDocument doc = Loader.loadPDF(pdf.body())) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertThat(text).contains("ROE_d90.fcs", "MRD positive: 0.3 %", "rita (reviewer): sign")
          .doesNotContain("Not yet reviewed", "Not signed off");
    }
  }
}
