-- Argo CD health check for launchplan.io/LaunchPlan (Lua 5.1, as Argo CD's gopher-lua runs it).
-- Paste into argocd-cm under resource.customizations.health.launchplan.io_LaunchPlan (docs/gitops.md).
--
--   no status yet / spec not observed yet      Progressing
--   Canary, Observing, RollingOut, Verifying   Progressing (with canary.steps the message names the step, e.g. "step 1/3")
--   Pending on a gate (lane, target busy, freeze, cooldown, postmortem, paused target, approval,
--     launch window)                           Suspended  (waits for people or time, not broken)
--   Pending on a bad spec (InvalidSpec, CanaryNameTaken, InvalidPostmortem, PolicyViolation,
--     PolicyInvalid)                           Degraded   (nothing happens until someone fixes it)
--   Pending otherwise (TargetNotFound: the Deployment may come in the same sync)   Progressing
--   Paused                                     Suspended
--   Reverting, Reverted                        Degraded   (the launched version was bad)
--   Succeeded                                  Healthy
--   a reconcile error (Ready=False/ReconcileError), whatever the phase   Degraded
local hs = {}
local waiting = {LaneBusy = true, TargetBusy = true, Frozen = true, Cooldown = true,
  PostmortemRequired = true, TargetPaused = true, ApprovalRequired = true, OutsideLaunchWindow = true}
local broken = {InvalidSpec = true, CanaryNameTaken = true, InvalidPostmortem = true,
  PolicyViolation = true, PolicyInvalid = true}

local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick the plan up"
  return hs
end
local message = status.message or ""
if status.conditions ~= nil then
  for _, c in ipairs(status.conditions) do
    if c.type == "Ready" and c.status == "False" and c.reason == "ReconcileError" then
      hs.status = "Degraded"
      hs.message = "ReconcileError: " .. (c.message or "")
      return hs
    end
  end
end
if obj.metadata ~= nil and obj.metadata.generation ~= nil and status.observedGeneration ~= nil
    and status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
local phase, reason = status.phase, status.reason or ""
local step = ""
if status.step ~= nil and status.step.summary ~= nil then
  step = " step " .. status.step.summary
end
hs.message = phase .. step .. (reason ~= "" and (" (" .. reason .. ")") or "") .. (message ~= "" and (": " .. message) or "")
if phase == "Succeeded" then
  hs.status = "Healthy"
elseif phase == "Reverted" or phase == "Reverting" then
  hs.status = "Degraded"
elseif phase == "Paused" then
  hs.status = "Suspended"
elseif phase == "Pending" and waiting[reason] then
  hs.status = "Suspended"
elseif phase == "Pending" and broken[reason] then
  hs.status = "Degraded"
else
  hs.status = "Progressing"
end
return hs
