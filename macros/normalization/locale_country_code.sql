{% macro locale_country_code(column_name) -%}
    {{ return(adapter.dispatch('locale_country_code')(column_name)) }}
{%- endmacro %}

{% macro default__locale_country_code(column_name) -%}
    {#- The country a locale names: its region (en-GB, pt_BR -> GB, BR), else for a bare
        language code of a short list the country where most of its speakers in our
        markets live (de -> DE, fr -> FR, pt -> PT); null otherwise (en, es-419). For
        systems that keep a locale but no country, to read phones typed without a
        country code. -#}
    case
        when lower(trim(cast({{ column_name }} as varchar))) ~ '^[a-z]{2,3}[-_][a-z]{2}$'
            then upper(right(trim(cast({{ column_name }} as varchar)), 2))
        when lower(trim(cast({{ column_name }} as varchar))) in ('de', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'fi')
            then upper(trim(cast({{ column_name }} as varchar)))
    end
{%- endmacro %}
