with

source as (

    select * from {{ source('support', 'tickets') }}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as ticket_id,
        cast(requester_id as {{ dbt.type_string() }}) as support_user_id,

        ---------- strings
        nullif(trim(subject), '') as subject,
        lower(nullif(trim(status), '')) as status,
        lower(nullif(trim(priority), '')) as priority,
        lower(nullif(trim(type), '')) as ticket_type,
        lower(nullif(trim(via_channel), '')) as channel,
        lower(nullif(trim(satisfaction_rating_score), '')) as satisfaction_rating,

        ---------- booleans
        coalesce(lower(trim(status)) in ('new', 'open', 'pending', 'hold'), false) as is_open,

        ---------- timestamps
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,
        cast(solved_at as timestamp) as solved_at

    from source

)

select * from renamed
