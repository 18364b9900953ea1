-- Health of a Service Mesh 2.x ServiceMeshPeer (federation.maistra.io), for Argo CD.
-- Healthy once an istiod pod watches the peer mesh over a live connection; Progressing until istiod reports a
-- connection attempt; Degraded when it reports the connection down.
local hs = {}
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "The peer is being deleted"
  return hs
end
local active = nil
if obj.status ~= nil and obj.status.discoveryStatus ~= nil then
  active = obj.status.discoveryStatus.active
end
if active == nil or #active == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for istiod to connect to the peer mesh"
  return hs
end
local lastProblem = nil
for _, pod in ipairs(active) do
  if pod.watch ~= nil then
    if pod.watch.connected then
      hs.status = "Healthy"
      hs.message = "Connected to the peer mesh (istiod pod " .. (pod.pod or "?") .. ")"
      return hs
    end
    if pod.watch.lastDisconnectStatus ~= nil and pod.watch.lastDisconnectStatus ~= "" then
      lastProblem = pod.watch.lastDisconnectStatus
    end
  end
end
if lastProblem ~= nil then
  hs.status = "Degraded"
  hs.message = "Not connected to the peer mesh: " .. lastProblem
  return hs
end
hs.status = "Progressing"
hs.message = "Waiting for istiod to connect to the peer mesh"
return hs
