import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * What a page with a form imports, in one place (`imports: [FORM_KIT]`): template-driven forms,
 * Material's field, input, select, checkbox and buttons, and the `t` pipe.
 */
export const FORM_KIT = [
  FormsModule,
  MatButtonModule,
  MatCheckboxModule,
  MatFormFieldModule,
  MatInputModule,
  MatSelectModule,
  TranslatePipe,
] as const;
