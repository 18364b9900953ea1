-- Health of an OpenShift Serverless KnativeKafka (operator.serverless.openshift.io), for Argo CD.
-- Knative conditions: Healthy when Ready is True for the latest spec; Degraded when the installation failed or
-- Ready is False for any other reason than deployments still starting; Progressing otherwise.
local hs = {}
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Knative Kafka is being deleted"
  return hs
end
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Serverless operator to install Knative Kafka"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Serverless operator to see the latest spec"
  return hs
end
local byType = {}
for _, condition in ipairs(obj.status.conditions) do
  byType[condition.type] = condition
end
local function describe(condition)
  return condition.type .. " " .. condition.status .. ": " .. (condition.reason or "") .. " " .. (condition.message or "")
end
local installed = byType["InstallSucceeded"]
local deployments = byType["DeploymentsAvailable"]
local ready = byType["Ready"]
if installed ~= nil and installed.status == "False" then
  hs.status = "Degraded"
  hs.message = describe(installed)
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = "Knative Kafka is ready"
  return hs
end
local starting = ready == nil or ready.status == "Unknown"
    or (installed ~= nil and installed.status == "Unknown")
    or (deployments ~= nil and deployments.status ~= "True")
if starting then
  hs.status = "Progressing"
  if deployments ~= nil and deployments.status ~= "True" then
    hs.message = describe(deployments)
  elseif ready ~= nil then
    hs.message = describe(ready)
  else
    hs.message = "Waiting for Knative Kafka to become ready"
  end
  return hs
end
hs.status = "Degraded"
hs.message = describe(ready)
return hs
