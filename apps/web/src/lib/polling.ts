/** "Live enough": a screen loads when it opens and again every few seconds while it stays open. */
import { onMounted, onUnmounted } from 'vue';

export function usePolling(load: () => Promise<unknown>, everyMs: number): void {
  let timer: number | undefined;
  onMounted(() => {
    void load();
    timer = window.setInterval(() => void load(), everyMs);
  });
  onUnmounted(() => window.clearInterval(timer));
}
