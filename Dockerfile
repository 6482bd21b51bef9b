# RenderFarm: build with the .NET 10 SDK, run on Debian 12 with the runtime, ffmpeg, the Vulkan
# loader + lavapipe (CPU Vulkan, used when no GPU is passed through) and fonts.
#
#   docker build -t renderfarm .
#   docker run --rm -v "$PWD/output:/app/output" renderfarm render scenes/fashion-mnist-small.yaml

FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
# The Vulkan shaders are compiled from GLSL to SPIR-V during the build (RenderFarm.Rendering.csproj).
RUN apt-get update \
 && apt-get install -y --no-install-recommends glslang-tools \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, on the project files alone, so source edits do not invalidate the package layer.
COPY RenderFarm.sln ./
COPY src/Directory.Build.props src/
COPY src/RenderFarm.Core/RenderFarm.Core.csproj src/RenderFarm.Core/
COPY src/RenderFarm.Embedding/RenderFarm.Embedding.csproj src/RenderFarm.Embedding/
COPY src/RenderFarm.Layouts/RenderFarm.Layouts.csproj src/RenderFarm.Layouts/
COPY src/RenderFarm.Rendering/RenderFarm.Rendering.csproj src/RenderFarm.Rendering/
COPY src/RenderFarm.Encoding/RenderFarm.Encoding.csproj src/RenderFarm.Encoding/
COPY src/RenderFarm.Service/RenderFarm.Service.csproj src/RenderFarm.Service/
RUN dotnet restore src/RenderFarm.Service/RenderFarm.Service.csproj
COPY src/ src/
RUN dotnet publish src/RenderFarm.Service/RenderFarm.Service.csproj -c Release --no-restore -o /out

# ASP.NET Core runtime: `renderfarm serve` hosts the REST API and the Hangfire dashboard.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ffmpeg libvulkan1 mesa-vulkan-drivers fonts-dejavu-core dataset-fashion-mnist ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 renderfarm
WORKDIR /app
COPY --from=build /out/ /app/bin/
COPY scenes/ /app/scenes/
RUN mkdir -p /app/output && chown -R renderfarm:renderfarm /app/output
USER renderfarm
ENV RENDERFARM_OUTPUT=/app/output \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME ["/app/output"]
ENTRYPOINT ["dotnet", "/app/bin/renderfarm.dll"]
CMD ["--help"]
