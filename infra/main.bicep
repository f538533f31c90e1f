// WellnessBot on Azure: two user-assigned managed identities (one signs the bot in to the Bot Framework, the other
// reads the table store and the Key Vault, so a leaked storage token is no bot token), a storage account for the
// table store with shared keys off, secrets from an existing Key Vault (never on a command line), Container Apps to
// run the bot, the Azure Bot resource with its Teams channel, and optional private endpoints. See docs/deploy.md.

@description('Short name used to derive resource names (lower-case letters and digits).')
@minLength(3)
@maxLength(12)
param name string = 'wellnessbot'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('The container image to run, e.g. myregistry.azurecr.io/wellnessbot:1.0.0.')
param image string

@description('Microsoft Entra tenant id the bot belongs to (single-tenant / managed identity bots).')
param tenantId string = subscription().tenantId

@description('The program\'s time zone (IANA id).')
param programTimeZone string = 'America/New_York'

@description('Coordinators, each with its channel: msteams:29:…, aad:<object id>, slack:U….')
param coordinators array = []

@description('The Microsoft 365 tenants whose Teams activities are served (Teams:AllowedTenants); the bot\'s own tenant by default.')
param allowedTenants array = [tenantId]

@description('An existing Key Vault (RBAC) in this resource group holding the secret support-key (and, with Slack, slack-bot-token and slack-signing-secret). Create the secrets with az keyvault secret set --file, never as deployment parameters.')
param keyVaultName string

@description('Whether Slack is used (its secrets must then be in the Key Vault).')
param enableSlack bool = false

@description('Slack: the workspace ids (T…) served (Slack:AllowedTeams).')
param slackAllowedTeams array = []

@description('Private endpoints for Table Storage and the Key Vault, with public network access to the storage account off.')
param enablePrivateEndpoints bool = false

@description('With private endpoints: the virtual network (resource id) holding both subnets.')
param virtualNetworkId string = ''

@description('With private endpoints: the subnet (resource id) for the Container Apps environment (delegated to Microsoft.App/environments).')
param appSubnetId string = ''

@description('With private endpoints: the subnet (resource id) for the private endpoints.')
param privateEndpointSubnetId string = ''

@description('Number of replicas kept running (the digest, timers and dialogs are coordinated through the table store, so several are safe).')
@minValue(1)
@maxValue(10)
param minReplicas int = 1

var suffix = uniqueString(resourceGroup().id, name)
var storageName = take('${name}${suffix}', 24)
// Built-in roles: Storage Table Data Contributor, Key Vault Secrets User.
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// The bot's Bot Framework identity: MicrosoftAppId. It has no data role.
resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-bot-identity'
  location: location
}

// Data access: the table store and the Key Vault's secrets. Its tokens are not accepted as bot tokens.
resource dataIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-data-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    allowSharedKeyAccess: false // Microsoft Entra only: the bot uses its managed identity
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: enablePrivateEndpoints ? 'Disabled' : 'Enabled'
  }
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, dataIdentity.id, tableDataContributor)
  properties: {
    principalId: dataIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, dataIdentity.id, keyVaultSecretsUser)
  properties: {
    principalId: dataIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    vnetConfiguration: enablePrivateEndpoints ? {
      infrastructureSubnetId: appSubnetId
    } : null
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

var vaultSecrets = concat([
  {
    name: 'support-key'
    keyVaultUrl: '${vault.properties.vaultUri}secrets/support-key'
    identity: dataIdentity.id
  }
], enableSlack ? [
  {
    name: 'slack-bot-token'
    keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-bot-token'
    identity: dataIdentity.id
  }
  {
    name: 'slack-signing-secret'
    keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-signing-secret'
    identity: dataIdentity.id
  }
] : [])

var coordinatorSettings = [for (id, i) in coordinators: {
  name: 'Program__Coordinators__${i}'
  value: id
}]

var tenantSettings = [for (id, i) in allowedTenants: {
  name: 'Teams__AllowedTenants__${i}'
  value: id
}]

var slackTeamSettings = [for (id, i) in (enableSlack ? slackAllowedTeams : []): {
  name: 'Slack__AllowedTeams__${i}'
  value: id
}]

var slackSettings = enableSlack ? [
  {
    name: 'Slack__BotToken'
    secretRef: 'slack-bot-token'
  }
  {
    name: 'Slack__SigningSecret'
    secretRef: 'slack-signing-secret'
  }
] : []

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${botIdentity.id}': {}
      '${dataIdentity.id}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      secrets: vaultSecrets
    }
    template: {
      containers: [
        {
          name: 'wellnessbot'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat([
            { name: 'Storage__Provider', value: 'AzureTables' }
            { name: 'Storage__ConnectionString', value: storage.properties.primaryEndpoints.table }
            { name: 'Storage__ManagedIdentityClientId', value: dataIdentity.properties.clientId }
            { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
            { name: 'MicrosoftAppId', value: botIdentity.properties.clientId }
            { name: 'MicrosoftAppTenantId', value: tenantId }
            { name: 'Program__TimeZone', value: programTimeZone }
            { name: 'Support__Keys__current', secretRef: 'support-key' }
          ], coordinatorSettings, tenantSettings, slackSettings, slackTeamSettings)
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 8080
              }
              periodSeconds: 15
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: max(minReplicas, 3)
      }
    }
  }
  dependsOn: [
    tableAccess
    vaultAccess
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'S1'
  }
  properties: {
    displayName: 'WellnessBot'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: botIdentity.properties.clientId
    msaAppMSIResourceId: botIdentity.id
    msaAppTenantId: tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The bot\'s Microsoft App ID: BOT_ID for ./package-teams.sh.')
output botAppId string = botIdentity.properties.clientId

@description('The bot\'s host name: BOT_DOMAIN for ./package-teams.sh; Slack request URLs are https://<this>/slack/…')
output botHost string = app.properties.configuration.ingress.fqdn


output storageAccountName string = storage.name

// Optional private endpoints: the table store and the Key Vault reached from the app's network only.
var privateLinks = enablePrivateEndpoints ? [
  { name: 'table', id: storage.id, zone: 'privatelink.table.${az.environment().suffixes.storage}' }
  { name: 'vault', id: vault.id, zone: 'privatelink.vaultcore.azure.net' }
] : []

resource privateZones 'Microsoft.Network/privateDnsZones@2020-06-01' = [for link in privateLinks: {
  name: link.zone
  location: 'global'
}]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (link, i) in privateLinks: {
  parent: privateZones[i]
  name: '${name}-${link.name}-link'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: virtualNetworkId
    }
  }
}]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2023-11-01' = [for link in privateLinks: {
  name: '${name}-${link.name}-pe'
  location: location
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: '${name}-${link.name}'
        properties: {
          privateLinkServiceId: link.id
          groupIds: [link.name]
        }
      }
    ]
  }
}]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = [for (link, i) in privateLinks: {
  parent: privateEndpoints[i]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: link.name
        properties: {
          privateDnsZoneId: privateZones[i].id
        }
      }
    ]
  }
}]
