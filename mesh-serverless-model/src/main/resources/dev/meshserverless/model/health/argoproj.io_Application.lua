-- Health of an Argo CD Application seen by the Application that created it (app of apps), for Argo CD.
-- Since Argo CD 1.8 a child Application counts as healthy as soon as it exists, so sync waves of Applications
-- would not wait for each other. Here it is Healthy only when its own resources are healthy and it is synced to
-- its revision with no sync running; Degraded when its sync failed for good or its resources are degraded;
-- Progressing otherwise (not reconciled yet, waiting for its automated sync, syncing or retrying).
local hs = {}
if obj.status == nil or obj.status.health == nil or obj.status.health.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the application to be reconciled"
  return hs
end
local health = obj.status.health.status
local sync = nil
if obj.status.sync ~= nil then
  sync = obj.status.sync.status
end
local operation = obj.status.operationState
if operation ~= nil and (operation.phase == "Failed" or operation.phase == "Error") then
  hs.status = "Degraded"
  hs.message = "Sync " .. operation.phase .. ": " .. (operation.message or "")
  return hs
end
if operation ~= nil and (operation.phase == "Running" or operation.phase == "Terminating") then
  hs.status = "Progressing"
  hs.message = "Sync running: " .. (operation.message or "")
  return hs
end
if health == "Degraded" or health == "Suspended" then
  hs.status = health
  hs.message = obj.status.health.message or ("Application resources are " .. health)
  return hs
end
if health == "Healthy" and sync == "Synced" then
  hs.status = "Healthy"
  hs.message = "Synced and healthy"
  return hs
end
hs.status = "Progressing"
if health == "Healthy" then
  hs.message = "Waiting for the sync (status " .. (sync or "unknown") .. ")"
else
  hs.message = "Application resources are " .. health
end
return hs
