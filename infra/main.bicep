// WellnessBot on Azure: a user-assigned managed identity (the bot's identity for Teams and for Table Storage),
// a storage account for the table store with shared keys off, a Key Vault for secrets, Container Apps to run the
// bot, and the Azure Bot resource with its Teams channel. Deploy: see docs/deploy.md.

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

@description('Coordinators\' user ids (Teams 29:… ids or Azure AD object ids, Slack U… ids).')
param coordinators array = []

@description('The support-request encryption key: 32 random bytes in base64 (openssl rand -base64 32). Stored in the Key Vault.')
@secure()
param supportKey string

@description('Whether Slack is used (then give its bot token and signing secret).')
param enableSlack bool = false

@description('Slack: the Bot User OAuth Token (xoxb-…). Stored in the Key Vault.')
@secure()
param slackBotToken string = ''

@description('Slack: the app\'s Signing Secret. Stored in the Key Vault.')
@secure()
param slackSigningSecret string = ''

@description('Number of replicas kept running (the digest, timers and dialogs are coordinated through the table store, so several are safe).')
@minValue(1)
@maxValue(10)
param minReplicas int = 1

var suffix = uniqueString(resourceGroup().id, name)
var storageName = take('${name}${suffix}', 24)
var vaultName = take('${name}-kv-${suffix}', 24)
// Built-in roles: Storage Table Data Contributor, Key Vault Secrets User.
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-identity'
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
  }
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, tableDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource supportKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'support-key'
  properties: {
    value: supportKey
  }
}

resource slackTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (enableSlack) {
  parent: vault
  name: 'slack-bot-token'
  properties: {
    value: slackBotToken
  }
}

resource slackSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (enableSlack) {
  parent: vault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecret
  }
}

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    principalId: identity.properties.principalId
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
    identity: identity.id
  }
], enableSlack ? [
  {
    name: 'slack-bot-token'
    keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-bot-token'
    identity: identity.id
  }
  {
    name: 'slack-signing-secret'
    keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-signing-secret'
    identity: identity.id
  }
] : [])

var coordinatorSettings = [for (id, i) in coordinators: {
  name: 'Program__Coordinators__${i}'
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
      '${identity.id}': {}
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
            { name: 'Storage__ManagedIdentityClientId', value: identity.properties.clientId }
            { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
            { name: 'MicrosoftAppId', value: identity.properties.clientId }
            { name: 'MicrosoftAppTenantId', value: tenantId }
            { name: 'Program__TimeZone', value: programTimeZone }
            { name: 'Support__Keys__current', secretRef: 'support-key' }
          ], coordinatorSettings, slackSettings)
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
    supportKeySecret
    slackTokenSecret
    slackSecret
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
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
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
output botAppId string = identity.properties.clientId

@description('The bot\'s host name: BOT_DOMAIN for ./package-teams.sh; Slack request URLs are https://<this>/slack/…')
output botHost string = app.properties.configuration.ingress.fqdn

@description('Where the secrets live (support-key; slack-bot-token and slack-signing-secret with Slack). Rotate the support key by adding a new secret and a Support__Keys__<id> setting; see docs/deploy.md.')
output keyVaultName string = vault.name

output storageAccountName string = storage.name
