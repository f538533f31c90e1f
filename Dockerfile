# WellnessBot container image: built from source, runs as a non-root user on port 8080.
#   docker build -t wellnessbot:1.0.0 .
# Base images are pinned by digest, so a rebuild gets exactly the bits that were reviewed. To move to a newer
# patch: docker buildx imagetools inspect mcr.microsoft.com/dotnet/aspnet:10.0 (and sdk:10.0), then update both
# digests in one reviewed commit (or pass --build-arg SDK_IMAGE=… / RUNTIME_IMAGE=…).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0@sha256:ea8bde36c11b6e7eec2656d0e59101d4462f6bd630730f2c8201ed0572b295d5
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0@sha256:1fa23fc4872d95fd71c2833ebe65d7e84a43b2d51a31d119516852f13d9505a7
FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props WellnessBot.sln .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Bot/WellnessBot.Bot.csproj -c Release -o /app --nologo

FROM ${RUNTIME_IMAGE}
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
