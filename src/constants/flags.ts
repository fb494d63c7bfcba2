// The constants live beside the machines (machines/ imports nothing from src/).
export * from '../../machines/constants/flags.js';
