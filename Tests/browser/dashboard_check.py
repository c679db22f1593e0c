"""Opens every page of a running `weir serve` in headless Chromium and checks what it shows.

Usage: dashboard_check.py BASE_URL HOSTILE_NAME
Prints one line per check and ends with 'N passed, N failed'; exits 1 if any check failed.
"""
import json
import shutil
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

base, hostile = sys.argv[1].rstrip("/"), sys.argv[2]
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok    " if condition else "FAIL  ") + name + ("" if condition else "  " + str(detail)))


def no_alert(driver):
    try:
        driver.switch_to.alert
        return False
    except NoAlertPresentException:
        return True


options = webdriver.ChromeOptions()
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)
try:
    runs = json.load(urllib.request.urlopen(base + "/api/runs?stage=counts"))["runs"]
    pages = {
        "/": "Pipeline",
        "/runs": "Runs",
        "/runs/" + runs[0]["id"]: "Run " + runs[0]["id"][:12] + " of counts",
        "/versions": "Versions",
        "/versions/2": "Version v2",
        "/versions/diff?from=1&to=2": "v1 → v2",
        "/compare": "Compare",
        "/datasets": "Datasets",
        "/datasets/stage": "Dataset stage",
        "/metrics": "Metrics",
    }
    for path, heading in pages.items():
        driver.get(base + path)
        check(path + " has its heading", driver.find_element(By.TAG_NAME, "h1").text == heading,
              driver.find_element(By.TAG_NAME, "h1").text)
        check(path + " raised no alert", no_alert(driver))
        check(path + " has the navigation", len(driver.find_elements(By.CSS_SELECTOR, "nav a")) == 6)
        scripts = [s.get_attribute("src") or "inline" for s in driver.find_elements(By.TAG_NAME, "script")]
        check(path + " runs only the dashboard's own script", all(s.endswith("/assets/live.js") for s in scripts),
              scripts)

    driver.get(base + "/")
    check("the DAG draws both stages", len(driver.find_elements(By.CSS_SELECTOR, "svg.dag g.node")) == 2)
    check("the DAG draws the edge", len(driver.find_elements(By.CSS_SELECTOR, "svg.dag path.edge")) == 1)
    body = driver.find_element(By.TAG_NAME, "body").text
    check("the pipeline says why counts will run", "param 'factor' changed 2 → 3" in body)
    status = ""
    for _ in range(30):
        status = driver.find_element(By.ID, "live-status").text
        if "succeeded" in status:
            break
        time.sleep(0.1)
    check("the live status shows the finished session", "Latest session" in status and "succeeded" in status, status)

    driver.get(base + "/datasets/stage")
    body = driver.find_element(By.TAG_NAME, "body").text
    check("the hostile file name shows as text", hostile in body)
    check("the reject reason shows", "does not match the pattern" in body)
    check("no element was injected", len(driver.find_elements(By.XPATH, "//main//script")) == 0)
    search = driver.find_element(By.NAME, "q")
    search.send_keys("<script")
    search.submit()
    body = driver.find_element(By.TAG_NAME, "body").text
    check("the manifest search finds the file", "1 matching files" in body and hostile in body)
    check("the search box keeps the text", driver.find_element(By.NAME, "q").get_attribute("value") == "<script")

    driver.get(base + "/metrics")
    check("metrics draw three charts per stage", len(driver.find_elements(By.CSS_SELECTOR, "svg.chart")) == 6)

    severe = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    check("the browser logged no error", not severe, severe)
finally:
    driver.quit()

passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
