// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata
// API at import time. Importing this module before @peculiar/x509 installs it once.
import 'reflect-metadata';
