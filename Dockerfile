# One image for every service; docker-compose.yml picks the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci \
 && npm run build \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/packages/db/dist ./packages/db/dist
COPY --from=build /app/apps/api/dist ./apps/api/dist
COPY --from=build /app/apps/worker/dist ./apps/worker/dist
COPY --from=build /app/apps/sap-kms/dist ./apps/sap-kms/dist
COPY --from=build /app/apps/aws-kms/dist ./apps/aws-kms/dist
COPY --from=build /app/apps/oci-kms/dist ./apps/oci-kms/dist
USER node
CMD ["node", "apps/api/dist/main.mjs"]
