"""The workbook as LibreOffice saves it: filled in, converted by soffice headless, read back."""
