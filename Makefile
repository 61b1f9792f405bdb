# launchplan-operator — the commands a newcomer needs. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
MVN ?= mvn -B
KUBECONFIG_LOCAL := $(CURDIR)/.cluster/kubeconfig

.PHONY: help
help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

.PHONY: cluster-up cluster-down cluster-status
cluster-up: ## build (once) and start the local cluster, Prometheus, Alertmanager and the traffic simulator
	hack/cluster.sh up
cluster-down: ## stop everything cluster-up started
	hack/cluster.sh down
cluster-status: ## show nodes, Prometheus, Alertmanager and simulator health
	hack/cluster.sh status

.PHONY: crds
crds: ## regenerate the CRDs (LaunchPlan, LaunchPolicy, LaunchApproval) from the Java types into crds/ (and the Helm chart's crds/)
	$(MVN) -q -pl operator process-classes
	cp operator/target/classes/META-INF/fabric8/launchplans.launchplan.io-v1.yml \
	  operator/target/classes/META-INF/fabric8/launchpolicies.launchplan.io-v1.yml \
	  operator/target/classes/META-INF/fabric8/launchapprovals.launchplan.io-v1.yml crds/
	if [ -d helm/launchplan-operator/crds ]; then \
	  cp operator/target/classes/META-INF/fabric8/launchplans.launchplan.io-v1.yml \
	    operator/target/classes/META-INF/fabric8/launchpolicies.launchplan.io-v1.yml \
	    operator/target/classes/META-INF/fabric8/launchapprovals.launchplan.io-v1.yml helm/launchplan-operator/crds/; fi

.PHONY: build test unit-test demo run
build: ## compile, unit-test and package the operator and the simulator
	$(MVN) -q package
unit-test: ## unit tests only (no cluster needed)
	$(MVN) test
test: cluster-up ## everything: unit tests and integration tests on the local cluster and Prometheus
	hack/install-browser.sh
	. .cluster/env && $(MVN) verify
demo: ## the main job end to end: local cluster, operator, one launch that succeeds and one that reverts (REAL=1: on the real node)
	REAL=$(REAL) hack/demo.sh
run: ## run the operator from the build against the current KUBECONFIG
	hack/run.sh

.PHONY: helm-lint helm-template
helm-lint: ## lint the Helm chart (builds the pinned helm once)
	hack/helm.sh lint
helm-template: ## render the Helm chart with its default values
	hack/helm.sh template

.PHONY: image
image: ## the operator's OCI image without Docker (mmdebstrap + umoci, reproducible) in target/image/oci
	hack/image.sh

.PHONY: install-plugin plugin-bench krew-manifest
PREFIX ?= $(HOME)/.local
install-plugin: ## build the kubectl plugin and install kubectl-launchplan into $(PREFIX)/bin (default ~/.local)
	$(MVN) -q -pl plugin -am package -DskipTests
	PREFIX=$(PREFIX) hack/install-plugin.sh
krew-manifest: ## the Krew manifest of a release: target/krew/launchplan.yaml (RELEASE_URL=https://... required; VERSION, HOMEPAGE; docs/plugin.md)
	$(MVN) -q -pl plugin -am package -DskipTests
	hack/krew-manifest.sh
plugin-bench: ## start-up and `get -A` time of the installed plugin on 1,000 plans (local cluster; docs/plugin.md)
	$(MVN) -q -pl plugin -am package -DskipTests
	. .cluster/env && hack/plugin-bench.sh

.PHONY: dashboard-bench
dashboard-bench: ## memory of `kubectl launchplan dashboard` following 300 plans for 10 minutes (local cluster; docs/dashboard.md)
	$(MVN) -q -pl plugin -am package -DskipTests
	. .cluster/env && hack/dashboard-bench.sh

.PHONY: bench
bench: ## benchmarks on the local cluster: detect-to-revert latency and capacity (bench/README.md)
	hack/bench.sh
