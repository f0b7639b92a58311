# Builds and runs the dashboard. docker-compose.yml runs two of it behind nginx, on PostgreSQL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/UpwardMobility.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the container's health check (/healthz/ready).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Plain http inside the container network: TLS ends at the proxy in front (nginx, a load balancer), which sends
# X-Forwarded-Proto; see Proxy__KnownNetworks / Proxy__KnownProxies in docs/operations.md.
ENV ASPNETCORE_URLS=http://+:8080
# Keys, sessions and start-up state live in the database, so the container keeps nothing and runs as a non-root user.
USER app
EXPOSE 8080
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "UpwardMobility.Web.dll"]
