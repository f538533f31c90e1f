# WellnessBot container image: built from source, runs as a non-root user on port 8080.
#   docker build -t wellnessbot:1.0.0 .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props WellnessBot.sln .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Bot/WellnessBot.Bot.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The catalog coordinators edit ships at /app/catalog/resources.json; mount another copy and set
# Resources__CatalogPath to edit it without rebuilding the image.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Storage__Provider=AzureTables
EXPOSE 8080
# The .NET images' built-in unprivileged user (uid 1654): the bot needs no root.
USER $APP_UID
ENTRYPOINT ["dotnet", "WellnessBot.Bot.dll"]
