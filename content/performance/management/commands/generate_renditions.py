from django.core.management.base import BaseCommand

from content.performance.images import generate_renditions, image_block_specs


class Command(BaseCommand):
    help = (
        "Create the responsive renditions (AVIF, WebP, JPEG) the image block uses, ahead of time."
    )

    def handle(self, *args, **options):
        count = generate_renditions()
        self.stdout.write(
            self.style.SUCCESS(
                f"Renditions ready for {count} image(s): {', '.join(image_block_specs())}"
            )
        )
