// ScorecardBot on Azure: App Service (Linux, .NET 10) running the container image, Azure SQL
// database (production store and Quartz job store), Key Vault holding the secrets the app
// reads through Key Vault references, and the Azure Bot registration with the Teams channel.
// Deploy: az deployment group create -g RG -f infra/azure/main.bicep -p infra/azure/main.parameters.json

@description('Short name used to derive resource names.')
@minLength(3)
@maxLength(18)
param name string = 'scorecardbot'

param location string = resourceGroup().location

@description('Container image of the bot, e.g. myregistry.azurecr.io/scorecardbot:1.0.0')
param image string

@description('Name of the Azure Container Registry (in this resource group) that holds the image; the app pulls from it with its managed identity.')
param containerRegistryName string

@description('Microsoft Entra app (client) id of the bot registration (single-tenant).')
param botAppId string

@description('Entra tenant id that owns the bot registration.')
param botTenantId string = subscription().tenantId

@secure()
@description('Client secret of the bot app registration; stored in Key Vault.')
param botAppPassword string

@description('Entra object id of the SQL administrator group or user.')
param sqlAdminObjectId string

@description('Login name (UPN or group name) of the SQL administrator.')
param sqlAdminLogin string

@secure()
@description('Slack signing secret (leave empty when Slack is not used).')
param slackSigningSecret string = ''

@secure()
@description('Slack bot token for a single workspace (leave empty to use OAuth installs).')
param slackBotToken string = ''

@minValue(1)
@maxValue(10)
@description('Number of App Service instances; Quartz runs clustered, so prompts go out once.')
param instanceCount int = 2

var suffix = uniqueString(resourceGroup().id, name)
var appName = '${name}-${suffix}'
var hostName = '${appName}.azurewebsites.net'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: 'P0v3'
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource sqlServer 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: '${name}-sql-${suffix}'
  location: location
  properties: {
    minimalTlsVersion: '1.2'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: sqlAdminLogin
      sid: sqlAdminObjectId
      tenantId: subscription().tenantId
      principalType: 'Group'
    }
  }
}

resource sqlAllowAzure 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: sqlServer
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource sqlDb 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sqlServer
  name: 'ScorecardBot'
  location: location
  sku: {
    name: 'GP_S_Gen5_1'
    tier: 'GeneralPurpose'
  }
  properties: {
    autoPauseDelay: 60
    minCapacity: json('0.5')
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}kv${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

resource secretBotPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'teams-app-password'
  properties: {
    value: botAppPassword
  }
}

resource secretSlackSigning 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackSigningSecret)) {
  parent: vault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecret
  }
}

resource secretSlackToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackBotToken)) {
  parent: vault
  name: 'slack-bot-token'
  properties: {
    value: slackBotToken
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOCKER|${image}'
      // Pull the image with the app's own identity (AcrPull below), not a registry password.
      acrUseManagedIdentityCreds: true
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'WEBSITES_PORT', value: '8080' }
        // /home is the storage every instance shares: the Data Protection keys (Slack tokens,
        // chart links) are kept there, so each instance reads what another wrote.
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
        { name: 'DataProtection__KeysFolder', value: '/home/data-protection-keys' }
        { name: 'Database__Provider', value: 'SqlServer' }
        { name: 'ConnectionStrings__Scorecard', value: 'Server=tcp:${sqlServer.properties.fullyQualifiedDomainName},1433;Database=${sqlDb.name};Authentication=Active Directory Default;Encrypt=True;' }
        { name: 'Scheduler__Clustered', value: 'true' }
        { name: 'PublicBaseUrl', value: 'https://${hostName}' }
        { name: 'Teams__AppId', value: botAppId }
        { name: 'Teams__AppType', value: 'SingleTenant' }
        { name: 'Teams__TenantId', value: botTenantId }
        { name: 'Teams__AppPassword', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretBotPassword.name})' }
        { name: 'Slack__SigningSecret', value: empty(slackSigningSecret) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=slack-signing-secret)' }
        { name: 'Slack__BotToken', value: empty(slackBotToken) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=slack-bot-token)' }
      ]
    }
  }
}

// The app reads its secrets from Key Vault with its managed identity (Key Vault Secrets User).
resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, 'kv-secrets-user')
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
  }
}

// The app pulls its image from the registry with its managed identity (AcrPull).
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: containerRegistryName
}

resource registryPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, app.id, 'acr-pull')
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'S1'
  }
  properties: {
    displayName: 'ScorecardBot'
    endpoint: 'https://${hostName}/api/messages'
    msaAppId: botAppId
    msaAppTenantId: botTenantId
    msaAppType: 'SingleTenant'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
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

output appUrl string = 'https://${hostName}'
output messagingEndpoint string = 'https://${hostName}/api/messages'
output slackRequestBase string = 'https://${hostName}/slack'
output sqlServerName string = sqlServer.properties.fullyQualifiedDomainName
// Azure SQL accepts only Entra logins here: the app's managed identity must become a user of the
// database before the app can migrate it. Run this once as the SQL administrator (README, Azure).
output sqlGrantForTheApp string = 'CREATE USER [${app.name}] FROM EXTERNAL PROVIDER; ALTER ROLE db_datareader ADD MEMBER [${app.name}]; ALTER ROLE db_datawriter ADD MEMBER [${app.name}]; ALTER ROLE db_ddladmin ADD MEMBER [${app.name}];'

