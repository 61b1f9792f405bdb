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
