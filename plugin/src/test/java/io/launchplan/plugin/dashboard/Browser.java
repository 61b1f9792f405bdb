package io.launchplan.plugin.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system's packages (Debian's {@code chromium} and {@code chromium-driver},
 * installed by {@code hack/install-browser.sh}), driven by Selenium through the system chromedriver:
 * Selenium Manager is never asked to download anything.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = System.getenv().getOrDefault("LAUNCHPLAN_CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getenv().getOrDefault("LAUNCHPLAN_CHROMEDRIVER", "/usr/bin/chromedriver");
  final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  static Browser start() {
    for (String f : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!new File(f).canExecute()) {
        throw new IllegalStateException(f + " is missing: run hack/install-browser.sh (apt-get install chromium chromium-driver)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,1000", "--no-proxy-server", "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    return new Browser(new ChromeDriver(service, options));
  }

  WebDriverWait waiting(Duration timeout) {
    // the pages replace a lane's rows at each update: an element found a moment ago may be gone
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(200));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** A screenshot of the whole page into {@code file} (docs/ for the committed ones). */
  void screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
