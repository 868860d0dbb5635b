# Production image of the KinerjaFlow web app.
#   docker build -t kinerjaflow .        (or: docker compose up --build)

# The SDK is only needed to compile; it stays out of the runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The whole repository, because Directory.Build.props and friends at the root
# shape how the projects build (.dockerignore keeps outputs and .git out).
COPY . .
# No apphost: the image starts the app through 'dotnet', so the native
# launcher would be dead weight.
RUN dotnet publish src/KinerjaFlow.Web/KinerjaFlow.Web.csproj -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
COPY --from=build /app .
# The national template library (shipped forms and workflows), read by TemplateLibrary, which
# falls back to ./forms and ./workflows in the content root.
COPY --from=build /src/forms ./forms
COPY --from=build /src/workflows ./workflows
# The app itself stays root-owned (read-only for the app user); only the log
# directory and the uploaded form files must be writable. Created here so a
# fresh named volume mounted on them inherits this ownership.
RUN mkdir -p /app/logs /app/data/form-files && chown "$APP_UID" /app/logs /app/data/form-files
# Non-root 'app' user shipped by the .NET images; the numeric id lets
# Kubernetes' runAsNonRoot verify it.
USER $APP_UID
ENTRYPOINT ["dotnet", "KinerjaFlow.Web.dll"]
